/**
 * testcontainers 11 resolves `GenericContainerBuilder.build()` even when the
 * build fails (the error is only a line of the build stream, fixed upstream in
 * testcontainers-node PR #1353, after the last release that runs on Node 20).
 * Its one outlet for that stream is the `testcontainers:build` debug logger,
 * so the build's output is read there: the lines tagged with the image name,
 * each one JSON message of the engine's build stream.
 */
interface DebugLogger {
  enabled: boolean | null;
  log?: (...args: unknown[]) => void;
}

function buildLogger(): DebugLogger {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('testcontainers/build/common') as { buildLog: { logger: DebugLogger } }).buildLog.logger;
}

export interface BuildTranscript {
  /** The build's output as docker build prints it (the stream's text). */
  text: string;
  /** The engine's error message, when the build failed. */
  error?: string;
  /**
   * Images this build committed (not ones it took from the cache), newest
   * last. A failed classic build leaves them behind untagged; they are this
   * grader's to remove.
   */
  createdImages: string[];
  /** The container of the step that failed: the classic builder keeps it (testcontainers does not ask for forcerm). */
  failedStepContainers: string[];
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Runs `build` while collecting the build stream testcontainers logs for `imageTag`; never throws. */
export async function withBuildTranscript(imageTag: string, build: () => Promise<unknown>): Promise<{ thrown?: unknown; transcript: BuildTranscript }> {
  const logger = buildLogger();
  const savedLog = Object.prototype.hasOwnProperty.call(logger, 'log') ? logger.log : undefined;
  const lines: string[] = [];
  let error: string | undefined;
  const prefix = `[${imageTag}] `;
  logger.enabled = true;
  logger.log = (...args: unknown[]) => {
    const raw = String(args[0] ?? '');
    const at = raw.indexOf(prefix);
    if (at < 0) return;
    const body = raw.slice(at + prefix.length).trim();
    try {
      const msg = JSON.parse(body) as { stream?: string; error?: string; errorDetail?: { message?: string }; status?: string };
      if (msg.stream) lines.push(msg.stream);
      if (msg.status) lines.push(`${msg.status}\n`);
      if (msg.error || msg.errorDetail) error = msg.errorDetail?.message ?? msg.error;
    } catch {
      lines.push(`${body}\n`);
    }
  };
  let thrown: unknown;
  try {
    await build();
  } catch (e) {
    thrown = e;
  } finally {
    logger.enabled = null;
    if (savedLog) logger.log = savedLog;
    else delete logger.log;
  }
  const text = lines.join('').replace(ANSI, '');
  const createdImages = [...text.matchAll(/Removing intermediate container \w+\n ---> ([0-9a-f]{12,})/g)].map((m) => m[1]!);
  const removed = new Set([...text.matchAll(/Removing intermediate container (\w+)/g)].map((m) => m[1]!));
  const failedStepContainers = [...text.matchAll(/ ---> Running in (\w+)/g)].map((m) => m[1]!).filter((id) => !removed.has(id));
  return { ...(thrown !== undefined ? { thrown } : {}), transcript: { text, ...(error ? { error } : {}), createdImages, failedStepContainers } };
}
