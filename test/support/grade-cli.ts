import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CheckResult, GradeResult } from '../../src/result/types';

export interface GradeRun {
  code: number;
  stdout: string;
  stderr: string;
  result: GradeResult;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `grade ARGS --json --no-reports --no-history` in-process and parses its one JSON document. */
export async function gradeJson(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<GradeRun> {
  const out = sink();
  const err = sink();
  const code = await main([...args, '--json', '--no-reports', '--no-history'], {
    stdin: Readable.from([]),
    stdout: out.stream,
    stderr: err.stream,
    // Never the tester's own `grade init` answers.
    env: { GRADE_CONFIG: '/nonexistent/grade-config.yaml', ...env, NO_COLOR: '1' },
    cwd: process.cwd(),
    onSignal: () => () => undefined,
  });
  const stdout = out.text();
  let result: GradeResult;
  try {
    result = JSON.parse(stdout) as GradeResult;
  } catch {
    throw new Error(`grade ${args.join(' ')} exited ${code} without a JSON result:\n${err.text()}`);
  }
  return { code, stdout, stderr: err.text(), result };
}

/** `{ checkId: status }` of one exercise, for compact assertions. */
export function statuses(run: GradeRun, exercise: string): Record<string, CheckResult['status']> {
  const ex = run.result.exercises.find((e) => e.id === exercise);
  if (!ex) throw new Error(`exercise ${exercise} not in the result`);
  return Object.fromEntries(ex.checks.map((c) => [c.id, c.status]));
}

export function scoreOf(run: GradeRun, exercise: string): number {
  return run.result.exercises.find((e) => e.id === exercise)!.score.points;
}
