import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import { terminalLine } from '../report/terminal-text';
import { exerciseFilesIn, parseExercises } from '../exercise/load';
import type { Exercise } from '../exercise/exercise';
import { planGrading } from '../runner/plan';
import { withOpenTarget } from '../runner/open-target';
import { LocalTarget } from '../grading-target/local/local-target';
import { ProbeRunner } from '../docker/probes';
import { dockerCli, listEngineObjects, otherObjects, removeMadeSince, type DockerCli } from '../examples/engine-objects';
import { neededImages } from '../examples/needed-images';
import { exampleFileTexts, runExamples, type ExampleOutcome } from '../examples/run-examples';
import type { Difference } from '../examples/compare-verdict';
import { Interruption } from './interruption';
import type { CliIo } from './io';

export interface TestOptions {
  exercisesDir: string;
  json: boolean;
  host?: string;
  /** Test on an engine that holds containers, networks or volumes of others (never touched). */
  engineMayHoldOtherObjects: boolean;
  timeoutSeconds: number;
  vars: Record<string, string>;
  registryUrl?: string;
  lang: Lang;
}

/** Examples are run from the specs themselves: the built catalogue is for grading and is not consulted. */
function exercisesWithExamples(dir: string, ids: readonly string[], lang: Lang): Exercise[] {
  const all = parseExercises(exerciseFilesIn(dir));
  // Unknown ids are refused the way grade refuses them (planning only those: variables come with each example).
  const unknown = ids.filter((id) => !all.some((e) => e.id === id));
  if (unknown.length) planGrading(all, unknown, {}, 'host', lang);
  return ids.length ? ids.map((id) => all.find((e) => e.id === id)!) : all;
}

/** The images the examples use without making them, that the engine lacks. */
async function missingImages(exercises: readonly Exercise[], docker: DockerCli): Promise<string[]> {
  const needed = new Set(exercises.flatMap((e) => (e.examples ?? []).flatMap((x) => neededImages(x, exampleFileTexts(e, x)))));
  const missing: string[] = [];
  for (const image of needed) {
    const found = await docker.run(['image', 'inspect', '--format', '{{.Id}}', image]).then(
      () => true,
      () => false,
    );
    if (!found) missing.push(image);
  }
  return missing;
}

function differenceText(d: Difference, lang: Lang): string {
  const status = (s: string) => message(lang, `status.${s}` as 'status.pass');
  if (d.kind === 'shouldFail') return message(lang, 'test.shouldFail', { check: d.check, status: status(d.got) });
  if (d.kind === 'shouldPass') return message(lang, 'test.shouldPass', { check: d.check, status: status(d.got), message: terminalLine(d.message) });
  return message(lang, 'test.messageLacks', { check: d.check, expected: d.expected, message: terminalLine(d.message) });
}

/** One line for an example: ✔ or ✘, the grader's verdict, and what differed. */
export function outcomeLine(o: ExampleOutcome, lang: Lang): string {
  const mark = o.agrees ? '✔' : '✘';
  const names = { mark, exercise: o.exercise, example: terminalLine(o.example) };
  if (o.setupProblem) {
    const problem =
      o.setupProblem.kind === 'failed'
        ? message(lang, 'test.setupFailed', { status: o.setupProblem.status, output: terminalLine(o.setupProblem.output) })
        : message(lang, 'test.setupTimeout', { seconds: o.setupProblem.seconds, output: terminalLine(o.setupProblem.output) });
    return message(lang, 'test.line', { ...names, verdict: problem });
  }
  const score = o.score!;
  const notPassed = Object.entries(o.statuses ?? {})
    .filter(([, s]) => s !== 'pass')
    .map(([id, s]) => `${id} (${message(lang, `status.${s}` as 'status.pass')})`);
  const verdict =
    score.points >= score.max && !notPassed.length
      ? message(lang, 'test.verdictFull', { points: score.points, max: score.max })
      : message(lang, 'test.verdictNotFull', { ...score, checks: notPassed.join(', ') || '—' });
  const differences = [
    ...o.differences.map((d) => differenceText(d, lang)),
    ...(o.gradingTimedOut ? [message(lang, 'test.gradingTimeout', { seconds: o.gradingTimedOut.seconds })] : []),
  ];
  // A command that failed may be why the state is not what the example says.
  if (differences.length)
    for (const f of o.failedCommands ?? []) differences.push(message(lang, 'test.commandFailed', { status: f.status, output: terminalLine(f.output) }));
  return differences.length
    ? message(lang, 'test.differs', { ...names, verdict, differences: differences.join('; ') })
    : message(lang, 'test.line', { ...names, verdict });
}

/**
 * `grade test [EXERCISE…]`: each example of each exercise on a clean engine,
 * graded and compared. Exit 0 when every example agrees, 1 when one does not,
 * 2 when the examples could not be run (no examples, missing images, an
 * engine holding others' objects, something left behind).
 */
export async function testCommand(ids: string[], opts: TestOptions, io: CliIo): Promise<number> {
  const { lang } = opts;
  const exercises = exercisesWithExamples(opts.exercisesDir, ids, lang);
  const withExamples = exercises.filter((e) => e.examples?.length);
  if (!withExamples.length)
    throw new SetupError(message(lang, 'test.noExamples', { ids: exercises.map((e) => e.id).join(', ') }), message(lang, 'test.noExamplesAdvice'));
  const without = exercises.filter((e) => !e.examples?.length);
  // Registry checks grade what was pushed: without a registry of the maintainer's own, pushes would go to Docker Hub.
  const needsRegistry = opts.registryUrl ? [] : withExamples.filter((e) => e.checks.some((c) => c.kind.startsWith('registry.')));
  if (needsRegistry.length) {
    const line = message(lang, 'test.needsRegistry', { ids: needsRegistry.map((e) => e.id).join(', ') });
    if (needsRegistry.some((e) => ids.includes(e.id)) || needsRegistry.length === withExamples.length)
      throw new SetupError(line, message(lang, 'test.needsRegistryAdvice'));
    io.stderr.write(`${line}\n`);
  }
  const toRun = withExamples.filter((e) => !needsRegistry.includes(e));
  if (without.length) io.stderr.write(`${message(lang, 'test.withoutExamples', { ids: without.map((e) => e.id).join(', ') })}\n`);

  // The examples' commands go to the engine being graded.
  const env = {
    ...io.env,
    ...(opts.host ? { DOCKER_HOST: opts.host } : {}),
    // Where an example pushes instead of Docker Hub: docker push $GRADE_TEST_REGISTRY/alice/…
    ...(opts.registryUrl ? { GRADE_TEST_REGISTRY: new URL(opts.registryUrl).host } : {}),
  };
  const docker = dockerCli(env);
  const target = new LocalTarget(opts.host, io.env, lang);
  return withOpenTarget(target, async (open) => {
    await ProbeRunner.sweepStale(open.engine).catch(() => 0);
    const before = await listEngineObjects(docker);
    const others = otherObjects(before);
    if (others.length && !opts.engineMayHoldOtherObjects)
      throw new SetupError(
        message(lang, 'test.engineHoldsOthers', { objects: `${others.slice(0, 8).join(', ')}${others.length > 8 ? ', …' : ''}` }),
        message(lang, 'test.engineHoldsOthersAdvice'),
      );
    const missing = await missingImages(toRun, docker);
    if (missing.length) throw new SetupError(message(lang, 'test.missingImages', { images: missing.join(', ') }), message(lang, 'test.missingImagesAdvice'));

    const interruption = new Interruption(io, message(lang, 'test.stopping'), lang);
    const outcomes: ExampleOutcome[] = [];
    let leftBehind: string[] = [];
    try {
      ({ leftBehind } = await runExamples(toRun, {
        target: open,
        docker,
        before,
        env,
        timeoutSeconds: opts.timeoutSeconds,
        signal: interruption.signal,
        vars: opts.vars,
        ...(opts.registryUrl ? { registry: { dockerHubUrl: opts.registryUrl } } : {}),
        onOutcome: (o) => {
          outcomes.push(o);
          io.stderr.write(`${outcomeLine(o, lang)}\n`);
        },
      }));
    } finally {
      // Whatever happened (a setup error in planning, Ctrl-C), nothing an example made stays.
      if (!leftBehind.length) leftBehind = await removeMadeSince(docker, before);
      interruption.dispose();
    }
    const count = toRun.reduce((n, e) => n + e.examples!.length, 0);
    const agree = outcomes.filter((o) => o.agrees).length;
    if (opts.json) io.stdout.write(`${JSON.stringify({ examples: outcomes, agree, count, ...(leftBehind.length ? { leftBehind } : {}) }, null, 2)}\n`);
    if (leftBehind.length) {
      io.stderr.write(`grade: ${message(lang, 'test.leftBehind', { objects: leftBehind.join(', ') })}\n`);
      return 2;
    }
    if (interruption.happened) {
      io.stderr.write(`${message(lang, 'test.interrupted')}\n`);
      return interruption.exitStatus;
    }
    io.stderr.write(`${message(lang, 'test.summary', { agree, count })}\n`);
    return agree === count ? 0 : 1;
  });
}
