import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeHostOutcome, type HostStatus } from '../../src/batch/host-outcome';
import type { BatchHost } from '../../src/batch/hosts-file';
import type { CheckResult, CheckStatus } from '../../src/result/types';
import { exercise, gradeResult } from './grade-results';

/**
 * A class of 30 for the class report, built in memory and written as a batch
 * folder (no engine): 25 graded with a spread of outcomes, 3 hosts that could
 * not be graded, 2 not graded yet. Outcomes follow the student's number, so
 * the aggregates below are known exactly.
 */

function check(id: string, title: string, kind: string, maxPoints: number, status: CheckStatus, message: string, over: Partial<CheckResult> = {}): CheckResult {
  return { id, title, kind, status, points: status === 'pass' ? maxPoints : 0, maxPoints, message, durationMs: 5, ...over };
}

/** Student n (1…25) of the graded ones. */
function webServer(n: number): CheckResult[] {
  const image = n % 10 !== 0 ? 'pass' : 'fail';
  const page: CheckStatus = image === 'fail' ? 'skip' : n % 3 === 0 ? 'pass' : 'fail';
  return [
    check('image', 'Image web_server exists', 'image.exists', 10, image, image === 'pass' ? 'Image web_server exists' : 'No image web_server', {
      messageId: image === 'pass' ? 'ok' : 'missing',
    }),
    check(
      'page',
      'http://localhost:8080/ shows the greeting',
      'http.get',
      25,
      page,
      page === 'pass'
        ? 'The page shows the greeting'
        : page === 'skip'
          ? 'Skipped: needs "Image web_server exists" (fail)'
          : n % 3 === 1
            ? `Nothing answers on port 8080 (connection refused after ${n} ms)`
            : 'The page on port 8080 does not contain "Hello from a web server"',
      page === 'fail' ? { messageId: n % 3 === 1 ? 'noAnswer' : 'wrongText' } : {},
    ),
    // Student 7's engine was too slow: undecided, counted neither way.
    check(
      'expose',
      'EXPOSE 80 and CMD apachectl',
      'image.config',
      15,
      n === 7 ? 'error' : n % 2 === 0 ? 'pass' : 'fail',
      n === 7 ? 'The grader could not decide: the check did not finish within 30 s' : 'CMD is not apachectl -D FOREGROUND',
      n === 7 ? { messageId: 'grader.timeout' } : {},
    ),
    check('second', 'A second web_server on host port 8081', 'container.config', 10, n % 5 === 0 ? 'pass' : 'fail', 'No container publishes 8081', {
      bonus: true,
    }),
  ];
}

function bridgeIsolation(n: number): CheckResult[] {
  return [
    check('bridge', 'my-bridge exists', 'network.exists', 15, 'pass', 'my-bridge exists'),
    check('isolated', 'test1 cannot reach test3', 'network.reachability', 30, n % 4 === 0 ? 'pass' : 'fail', 'test1 reaches test3', { messageId: 'reached' }),
  ];
}

export interface ClassFixture {
  out: string;
  hosts: BatchHost[];
}

export function classOf30(): ClassFixture {
  const out = mkdtempSync(path.join(os.tmpdir(), 'grade-class-'));
  const hosts: BatchHost[] = Array.from({ length: 30 }, (_, i) => {
    const id = `s${String(i + 1).padStart(2, '0')}`;
    // s05 has no name in the hosts file: the report names them by id, once.
    return { id, name: i === 4 ? id : `Student ${i + 1}`, host: `10.0.0.${i + 1}`, port: 22, user: 'centos', vars: {} };
  });
  hosts.forEach((h, i) => {
    const n = i + 1;
    const base: Omit<HostStatus, 'state'> = {
      schemaVersion: 1,
      id: h.id,
      name: h.name,
      endpoint: `ssh://centos@${h.host}:22`,
      startedAt: `2026-11-27T09:${String(n).padStart(2, '0')}:00.000Z`,
      durationMs: 9000,
    };
    if (n > 28) return; // s29, s30: not graded yet
    if (n > 25) {
      const error = n === 26 ? 'cannot connect: connect ECONNREFUSED 10.0.0.26:22' : n === 27 ? 'host key changed' : 'no docker on the VM';
      writeHostOutcome(out, { ...base, state: 'error', error }, undefined, ['json']);
      return;
    }
    // s25 graded web_server only: bridge_isolation is absent from their row.
    const exercises = [
      exercise('web_server', webServer(n), 'Web server'),
      ...(n === 25 ? [] : [exercise('bridge_isolation', bridgeIsolation(n), 'Bridge isolation')]),
    ];
    const result = gradeResult(exercises, {
      student: { id: h.id, name: h.name },
      target: { kind: 'ssh', endpoint: base.endpoint, dockerVersion: '20.10.24' },
      startedAt: base.startedAt,
    });
    writeHostOutcome(out, { ...base, state: 'graded', score: result.score }, result, ['json', 'html']);
  });
  return { out, hosts };
}
