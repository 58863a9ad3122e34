import type { CheckResult, ExerciseResult, GradeResult } from '../../src/result/types';
import { exerciseScore, totalScore } from '../../src/result/types';

/**
 * GradeResult fixtures for the reporters and the history: no engine needed.
 * Scores are computed with the same rules as the runner, so they are consistent.
 */

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  cdataEnd: ']]>',
  img: '<img src=x onerror=alert(2)>',
  /** Invalid UTF-8 as Node decodes it: two U+FFFD and an A. */
  badUtf8: Buffer.from([0xff, 0xfe, 0x41]).toString('utf8'),
  loneSurrogate: '\ud800',
  /** Characters XML 1.0 cannot carry at all. */
  notXml: '\u0001\u001f\ufffe\uffff',
  formula: '=HYPERLINK("http://x.invalid","a,b")',
};

/** Everything at once, as a container name or page could hold it. */
export const HOSTILE_TEXT = `${HOSTILE.script} ${HOSTILE.cdataEnd} ${HOSTILE.img} ${HOSTILE.badUtf8} ${HOSTILE.loneSurrogate}`;

function check(c: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status' | 'points' | 'maxPoints'>): CheckResult {
  return {
    title: `Check ${c.id}`,
    kind: 'image.exists',
    message: `message of ${c.id}`,
    durationMs: 12,
    ...c,
  };
}

export function exercise(id: string, checks: CheckResult[], title = `Exercise ${id}`): ExerciseResult {
  return { id, title, slides: ['Dockerfiles', 'Build images via Dockerfiles'], score: exerciseScore(checks), checks };
}

export function gradeResult(exercises: ExerciseResult[], over: Partial<GradeResult> = {}): GradeResult {
  return {
    schemaVersion: 1,
    grader: { name: 'grade', version: '0.1.0' },
    target: { kind: 'local', endpoint: 'unix:///var/run/docker.sock', dockerVersion: '20.10.24' },
    student: { id: 's1234', name: 'Alice Example' },
    startedAt: '2026-11-27T12:00:00.000Z',
    durationMs: 4321,
    score: totalScore(exercises),
    exercises,
    ...over,
  };
}

/** pass, fail (with hint and slide), skip, error, an earned bonus and a missed bonus. */
export function mixedResult(): GradeResult {
  return gradeResult([
    exercise('web_server', [
      check({ id: 'image', title: 'Image web_server exists', status: 'pass', points: 10, maxPoints: 10, evidence: { command: 'docker images web_server' } }),
      check({
        id: 'page',
        title: 'http://localhost:8080/ shows the greeting',
        kind: 'http.get',
        status: 'fail',
        points: 0,
        maxPoints: 25,
        message: 'The page on port 8080 does not contain "Hello from a web server"',
        hint: 'docker run -d -p 8080:80 web_server',
        slide: 'Check that our web server is running',
        evidence: { expected: 'Hello from a web server', actual: 'It works!', command: 'curl http://localhost:8080/' },
      }),
      check({ id: 'cmd', title: 'CMD runs apachectl', kind: 'image.config', status: 'skip', points: 0, maxPoints: 15, message: 'Skipped: needs image' }),
      check({
        id: 'stats',
        title: 'docker stats answers',
        kind: 'container.stats',
        status: 'error',
        points: 0,
        maxPoints: 15,
        message: 'the check did not finish within 30 s',
      }),
      check({ id: 'second', title: 'A second web_server on host port 8081', kind: 'container.config', status: 'pass', points: 10, maxPoints: 10, bonus: true }),
    ]),
    exercise('bridge_isolation', [
      check({ id: 'bridge', title: 'my-bridge exists', kind: 'network.exists', status: 'pass', points: 15, maxPoints: 15 }),
      check({
        id: 'isolated',
        title: 'test1 cannot reach test3',
        kind: 'network.reachability',
        status: 'fail',
        points: 0,
        maxPoints: 30,
        message: 'test1 reaches test3',
        hint: 'docker network disconnect bridge test3',
        slide: 'Multiple bridges (2)',
      }),
      check({
        id: 'two',
        title: 'A container on two bridges',
        kind: 'container.config',
        status: 'fail',
        points: 0,
        maxPoints: 10,
        bonus: true,
        hint: 'docker network connect',
      }),
    ]),
  ]);
}

/** Student-controlled strings everywhere a host can put them: names, labels, page content, commands. */
export function hostileResult(): GradeResult {
  const t = HOSTILE_TEXT;
  return gradeResult(
    [
      exercise(
        'web_server',
        [
          check({
            id: 'name',
            title: `Container ${t}`,
            kind: 'container.config',
            status: 'pass',
            points: 10,
            maxPoints: 10,
            message: `container ${t} ${HOSTILE.notXml} runs`,
            evidence: { actual: { name: t, labels: { [t]: t } }, command: `docker inspect '${t}'` },
          }),
          check({
            id: 'page',
            title: `Page ${t}`,
            kind: 'http.get',
            status: 'fail',
            points: 0,
            maxPoints: 10,
            message: `page said ${t}\r\nline two ${HOSTILE.notXml}`,
            hint: `type ${t}`,
            slide: `Slide ${t}`,
            warning: `careful ${t}`,
            evidence: { expected: 'Hello', actual: `${HOSTILE.img}${HOSTILE.cdataEnd}${HOSTILE.script}`, command: `curl '${t}'` },
          }),
          check({ id: 'err', title: `Error ${t}`, status: 'error', points: 0, maxPoints: 10, message: `engine said ${t}` }),
          check({ id: 'skip', title: `Skip ${t}`, status: 'skip', points: 0, maxPoints: 10, message: `skipped ${t}` }),
        ],
        `Web ${t}`,
      ),
    ],
    {
      target: { kind: 'local', endpoint: `unix:///run/${t}.sock`, dockerVersion: `20.10 ${t}` },
      student: { id: `${HOSTILE.formula}\n${t}`, name: `"${t}"` },
    },
  );
}

export function emptyResult(): GradeResult {
  return gradeResult([]);
}

/** A history record: `scores` maps exercise ids to the points earned out of 100. */
export function attempt(startedAt: string, scores: Record<string, number>, over: Partial<GradeResult> = {}): GradeResult {
  const exercises = Object.entries(scores).map(([id, points]) =>
    exercise(id, [check({ id: 'all', status: points === 100 ? 'pass' : 'fail', points, maxPoints: 100 })]),
  );
  return gradeResult(exercises, { startedAt, ...over });
}
