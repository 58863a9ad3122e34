import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeUp, composeVariant, WEB_SERVER_DIR } from './support/fixtures';
import { engineResetAfterEach, leftoverProbes, snapshotEngine } from './support/host-state';
import { runGrade } from './support/run-cli';
import { sh } from './support/shell';

interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
}

async function eventsBetween(since: string, until: string): Promise<EngineEvent[]> {
  const out = await sh(`docker events --since ${since} --until ${until} --format '{{json .}}'`);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);
}

/** Engine events that only read: `docker top` (what process_management grades) is logged as one. */
const READ_ONLY_ACTIONS = new Set(['top']);

/** Every engine event in the window must be a read, or about a container the grader labelled as its probe. */
function eventsNotFromProbes(events: EngineEvent[]): EngineEvent[] {
  const probes = new Set(events.filter((e) => e.Type === 'container' && e.Actor.Attributes?.['io.github.grade.probe'] === 'true').map((e) => e.Actor.ID));
  return events.filter((e) => {
    if (e.Type === 'container') return !probes.has(e.Actor.ID) && !READ_ONLY_ACTIONS.has(e.Action);
    if (e.Type === 'network' || e.Type === 'volume') return !probes.has(e.Actor.Attributes?.container ?? '');
    return true;
  });
}

/** The engine's clock is this machine's: `seconds.nanoseconds`, as docker events takes it. */
const now = async () => (await sh('date +%s.%N')).trim();

describe('grading never changes what the student owns', () => {
  engineResetAfterEach();

  test('a busy host is identical before and after a full grading run, and the only engine events are probes', async () => {
    // A bit of every exercise, some of it broken, all of it the student's.
    await sh('docker run ubuntu /bin/bash -c "apt update; apt -y install iputils-ping" && docker commit $(docker ps -lq) ubuntu_with_ping');
    await sh(`docker build -q -t web_server ${WEB_SERVER_DIR} && docker run -d -p 8080:80 --name=web_server web_server && docker run -d -p 8081:80 web_server`);
    await sh('docker run -td --name test1 alpine && docker run -td --name test2 alpine && docker network create my-bridge');
    await sh('docker run -itd --network=my-bridge --name=test3 alpine && docker run -itd --name test4 alpine && docker network connect my-bridge test4');
    await sh(
      'docker run -d -p 8082:80 --memory=256m nginx && docker run -d --cpus=.5 nginx && docker run --name stopped ubuntu echo "hello from the container"',
    );
    await sh(composeUp(composeVariant((doc) => doc.setIn(['services', 'wordpress', 'ports'], ['8083:80']))));
    await sh('docker volume create my-volume');

    const before = await snapshotEngine();
    const since = await now();
    const r = await runGrade(['--no-reports']);
    const until = await now();
    expect(r.code).toBe(1); // some checks fail (ports differ from the slides'), which is fine here
    expect(r.stdout).toContain('Total');

    expect(await snapshotEngine()).toEqual(before);
    expect(await leftoverProbes()).toEqual([]);
    const events = await eventsBetween(since, until);
    expect(events.some((e) => e.Type === 'container' && e.Action === 'create')).toBe(true); // probes did run
    expect(eventsNotFromProbes(events).map((e) => `${e.Type} ${e.Action} ${e.Actor.Attributes?.name ?? e.Actor.ID}`)).toEqual([]);
  });

  test('grading never pulls: a missing image is reported, not fetched', async () => {
    const since = await now();
    const r = await runGrade(['ubuntu_with_ping', '--json', '--no-reports']);
    const until = await now();
    expect(JSON.parse(r.stdout).exercises[0].checks[0].status).toBe('fail');
    expect((await eventsBetween(since, until)).filter((e) => e.Type === 'image')).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} in the middle of grading removes the probes and leaves the host as it was`, async () => {
      const specs = mkdtempSync(path.join(os.tmpdir(), 'grade-slow-'));
      mkdirSync(specs, { recursive: true });
      writeFileSync(
        path.join(specs, 'slow.yaml'),
        `id: slow
title: A check with a long probe
slides: [none]
checks:
  - { id: a, title: sleeps, kind: image.run, points: 1, timeoutMs: 120000, params: { image: alpine, command: [sleep, "60"], timeoutMs: 90000 } }
  - { id: b, title: sleeps too, kind: image.run, points: 1, timeoutMs: 120000, params: { image: ubuntu, command: [sleep, "60"], timeoutMs: 90000 } }
`,
      );
      const before = await snapshotEngine();
      let pid = 0;
      const running = runGrade(['--exercises', specs, '--no-reports'], { onSpawn: (p) => (pid = p) });
      for (let i = 0; i < 100 && (await leftoverProbes()).length < 2; i++) await new Promise((res) => setTimeout(res, 100));
      expect((await leftoverProbes()).length).toBe(2);
      const t0 = Date.now();
      process.kill(pid, signal);
      const r = await running;
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(r.stderr).toContain(`${signal}: stopping, removing probe containers`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(await leftoverProbes()).toEqual([]);
      expect(await snapshotEngine()).toEqual(before);
    });
  }
});
