import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How typing an example's setup ended. */
export type TypedOutcome =
  /** Every line typed and run; `failed`: the commands that exited non-zero (a student types on after an error too). */
  | { kind: 'done'; failed: CommandFailure[] }
  /** The terminal itself could not be had (no util-linux script, no bash). */
  | { kind: 'failed'; status: number; output: string }
  /** The shell's prompt did not come back in time (a command hangs, or an interactive shell was left open). */
  | { kind: 'timeout'; output: string }
  | { kind: 'aborted' };

/** A line of only control keys (`^C`, `^D`, `^P^Q` — docker's detach keys) is those keys, without Enter; any other line is typed and Entered. */
export function keystrokes(line: string): string {
  return /^(\^[A-Z@[\\\]^_])+$/.test(line) ? line.replace(/\^(.)/g, (_m, key: string) => String.fromCharCode(key.charCodeAt(0) - 64)) : `${line}\n`;
}

export interface CommandFailure {
  status: number;
  /** The last lines on the screen when the prompt came back. */
  output: string;
}

const PROMPT = /<<grade-prompt:(\d+)>>/g;
const MORE = '<<grade-more>>';
/** Typed after the setup's last line; only a shell running it prints the marker (the typed text differs from it). */
const END_COMMAND = "printf '<<grade-%s>>\\n' end";
const END = /<<grade-end>>/;

/**
 * Types `lines` at a real terminal (a pseudo-terminal from util-linux
 * `script`, an interactive bash in it), as a student does: a line is typed
 * when the shell shows its prompt again, or — when a program holds the
 * terminal, like the shell of `docker run -it` — when the screen has been quiet
 * for `quietMs`. So `exit` after `docker run -it ubuntu /bin/bash` goes to the
 * container's shell, and the next line to the student's shell once the
 * container is gone. A line of control keys (`^C`, `^P^Q`) presses them. The prompt shows the last status: the commands that
 * failed are told, and typing goes on, as a student's does. The whole session runs in its own process group: on
 * `signal` or at `timeoutMs` it is killed, with everything it started.
 */
export function typeAtTerminal(
  lines: readonly string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; signal: AbortSignal; quietMs?: number; holdMs?: number },
): Promise<TypedOutcome> {
  const quietMs = o.quietMs ?? 1_000;
  const holdMs = o.holdMs ?? 5_000;
  const toType = [...lines, END_COMMAND];
  // An interactive bash sets its own prompts over the environment's: they are set by its startup file.
  const rcDir = mkdtempSync(path.join(os.tmpdir(), 'grade-typist-'));
  const rcFile = path.join(rcDir, 'bashrc');
  writeFileSync(rcFile, `PS1='<<grade-prompt:$?>>\\n'\nPS2='${MORE}'\nunset HISTFILE\n`);
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', `bash --noprofile --rcfile '${rcFile}' --noediting -i`, '/dev/null'], {
      cwd: o.cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...o.env, HISTFILE: '/dev/null', TERM: 'dumb' },
    });
    let output = '';
    // Markers are looked for in what came since the last one, so one split across two reads is still found.
    let unread = '';
    let quiet: NodeJS.Timeout | undefined;
    let next = 0;
    let settled = false;
    const failed: CommandFailure[] = [];
    const finish = (outcome: TypedOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      o.signal.removeEventListener('abort', onAbort);
      rmSync(rcDir, { recursive: true, force: true });
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve(outcome);
    };
    const tail = () =>
      output
        // eslint-disable-next-line no-control-regex
        .replace(/\x1b\[[0-9;?]*[A-Za-z]|\r/g, '')
        .replace(PROMPT, '$ ')
        .replaceAll(MORE, '> ')
        .split('\n')
        .filter((l) => l.trim() && !l.includes(END_COMMAND))
        .slice(-6)
        .join('\n');
    let typedAt = 0;
    const typeNext = () => {
      clearTimeout(quiet);
      if (settled || next >= toType.length) return;
      child.stdin.write(keystrokes(toType[next++]!));
      typedAt = Date.now();
      quiet = setTimeout(typeNext, quietMs);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const deadline = setTimeout(() => finish({ kind: 'timeout', output: tail() }), o.timeoutMs);
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) return onAbort();

    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-8_192);
      unread += text;
      const end = END.exec(unread);
      const statuses = [...unread.slice(0, end?.index).matchAll(PROMPT)].map((m) => Number(m[1]));
      const more = unread.includes(MORE);
      const lastMarker = unread.lastIndexOf('>>');
      unread = lastMarker >= 0 ? unread.slice(lastMarker + 2) : unread.slice(-64);
      for (const status of statuses) if (status !== 0) failed.push({ status, output: tail() });
      if (end) return finish({ kind: 'done', failed });
      if (statuses.length || more) return typeNext();
      // A program holds the terminal: the next line is typed once it has been quiet for a while,
      // or once it has printed for holdMs (docker logs --follow never goes quiet: the next line is its ^C).
      if (next > 0) {
        clearTimeout(quiet);
        quiet = setTimeout(typeNext, Math.min(quietMs, Math.max(0, typedAt + holdMs - Date.now())));
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (e) => finish({ kind: 'failed', status: 127, output: e.message }));
    child.on('close', (code) => finish({ kind: 'failed', status: code ?? 1, output: tail() }));
  });
}
