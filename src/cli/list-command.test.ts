import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIo } from '../../test/support/memory-io';
import { main } from './main';

describe('grade list shows the exercise variables grading would use, and where each comes from', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-list-'));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'student: { id: s01 }\nvars: { dockerhub_user: alice }\n');

  test('from the config grade init wrote (--config), in text and JSON', async () => {
    const { io, out } = memoryIo(dir);
    expect(await main(['list', '--config', config], io)).toBe(0);
    expect(out.stdout).toContain(
      `docker_hub_push  Push ubuntu_with_ping to your Docker Hub repository  (100 points)\n  variables:\n    dockerhub_user = alice (from ${config})\n`,
    );
    const json = memoryIo(dir);
    expect(await main(['list', '--json', '--config', config], json.io)).toBe(0);
    const hub = (JSON.parse(json.out.stdout) as { id: string; variableValues: unknown }[]).find((e) => e.id === 'docker_hub_push');
    expect(hub?.variableValues).toEqual({ dockerhub_user: { value: 'alice', from: config } });
  });

  test('GRADE_VAR_* wins over the config, as when grading; none given says how to give it (Italian too)', async () => {
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: config, GRADE_VAR_DOCKERHUB_USER: 'bob' });
    expect(await main(['list'], io)).toBe(0);
    expect(out.stdout).toContain('    dockerhub_user = bob (from GRADE_VAR_DOCKERHUB_USER)\n');
    const none = memoryIo(dir);
    expect(await main(['list', '--lang', 'it'], none.io)).toBe(0);
    expect(none.out.stdout).toContain(
      '  variabili:\n    dockerhub_user: non impostata — usa --var dockerhub_user=alice, imposta GRADE_VAR_DOCKERHUB_USER, oppure esegui grade init\n',
    );
  });
});
