import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exercise, gradeResult } from '../../test/support/grade-results';
import { memoryIo } from '../../test/support/memory-io';
import { preferredOutcome, readHostStatus, writeHostOutcome, type HostStatus } from '../batch/host-outcome';
import { main } from './main';

const status = (id: string, state: HostStatus['state'], startedAt: string, error?: string): HostStatus => ({
  schemaVersion: 1,
  id,
  name: `Student ${id}`,
  endpoint: `ssh://centos@${id}:22`,
  state,
  ...(error ? { error } : {}),
  startedAt,
  durationMs: 1000,
});

function shardWith(...outcomes: HostStatus[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-shard-'));
  for (const s of outcomes) {
    const result =
      s.state === 'graded'
        ? gradeResult(
            [exercise('web_server', [{ id: 'a', title: 'A', kind: 'image.exists', status: 'pass', points: 10, maxPoints: 10, message: 'ok', durationMs: 1 }])],
            {
              startedAt: s.startedAt,
            },
          )
        : undefined;
    writeHostOutcome(dir, s, result, ['json']);
  }
  return dir;
}

describe('grade merge', () => {
  test('graded, then an error in a later shard: the graded outcome is kept, and the merge says so', async () => {
    const first = shardWith(status('s01', 'graded', '2026-11-27T09:00:00.000Z'), status('s02', 'graded', '2026-11-27T09:00:00.000Z'));
    const second = shardWith(status('s01', 'error', '2026-11-27T10:00:00.000Z', 'connect ETIMEDOUT'), status('s02', 'graded', '2026-11-27T10:00:00.000Z'));
    const merged = mkdtempSync(path.join(os.tmpdir(), 'grade-merged-'));
    const { io, out } = memoryIo(merged);
    expect(await main(['merge', merged, first, second], io)).toBe(0);
    expect(readHostStatus(merged, 's01')).toMatchObject({ state: 'graded', startedAt: '2026-11-27T09:00:00.000Z' });
    // Same state: the later one wins as before.
    expect(readHostStatus(merged, 's02')).toMatchObject({ state: 'graded', startedAt: '2026-11-27T10:00:00.000Z' });
    expect(out.stderr).toContain(
      `s01: kept the graded outcome of 2026-11-27T09:00:00.000Z over a later error of 2026-11-27T10:00:00.000Z in ${second} (connect ETIMEDOUT)`,
    );
    const csv = readFileSync(path.join(merged, 'grades.csv'), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(3); // header + both students
  });

  test('the error merged first, the earlier grade second: the grade replaces it', async () => {
    const errored = shardWith(status('s01', 'error', '2026-11-27T10:00:00.000Z', 'no docker'));
    const graded = shardWith(status('s01', 'graded', '2026-11-27T09:00:00.000Z'));
    const merged = mkdtempSync(path.join(os.tmpdir(), 'grade-merged-'));
    const { io, out } = memoryIo(merged);
    expect(await main(['merge', merged, errored, graded], io)).toBe(0);
    expect(readHostStatus(merged, 's01')).toMatchObject({ state: 'graded' });
    expect(out.stderr).toContain('s01: kept the graded outcome of 2026-11-27T09:00:00.000Z over a later error of 2026-11-27T10:00:00.000Z (no docker)');
  });

  test('preferredOutcome: graded beats error in either order; otherwise the latest', () => {
    const g9 = status('s', 'graded', '2026-11-27T09:00:00.000Z');
    const g10 = status('s', 'graded', '2026-11-27T10:00:00.000Z');
    const e10 = status('s', 'error', '2026-11-27T10:00:00.000Z');
    const e11 = status('s', 'error', '2026-11-27T11:00:00.000Z');
    expect(preferredOutcome(undefined, e10)).toBe('theirs');
    expect(preferredOutcome(g9, e10)).toBe('ours');
    expect(preferredOutcome(e10, g9)).toBe('theirs');
    expect(preferredOutcome(g9, g10)).toBe('theirs');
    expect(preferredOutcome(g10, g9)).toBe('ours');
    expect(preferredOutcome(e10, e11)).toBe('theirs');
  });
});
