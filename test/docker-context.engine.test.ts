import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { contextKey } from '../src/docker/docker-context';
import { runGrade } from './support/run-cli';

/**
 * "The engine your docker command uses", for real: with DOCKER_HOST unset, the
 * docker CLI's current context (config.json + contexts/meta) leads grade to
 * the test engine's socket, and the run says so.
 */
describe('grade follows the docker CLI’s context to a real engine', () => {
  const engine = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

  function configWithContext(name: string, host: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-docker-config-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: name }));
    const meta = path.join(dir, 'contexts', 'meta', contextKey(name));
    mkdirSync(meta, { recursive: true });
    writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
    return dir;
  }

  test('currentContext in $DOCKER_CONFIG/config.json: graded on that context’s engine; --help names it', async () => {
    const config = configWithContext('course-lab', engine);
    const env = { DOCKER_HOST: '', DOCKER_CONFIG: config, XDG_RUNTIME_DIR: '' };
    const r = await runGrade(['first_steps', '--json', '--no-reports'], { env });
    expect(r.stderr).toContain(`at ${engine}`);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect(result.target.endpoint).toBe(engine);
    expect(result.exercises[0]!.checks.find((c) => c.id === 'ubuntu')?.status).toBe('pass');
    const help = await runGrade(['--help'], { env });
    expect(help.stdout).toContain(`Docker engine: ${engine} (Docker context "course-lab", from ${config}/config.json).`);
  });

  test('DOCKER_CONTEXT naming a context that is not there: one line, exit 2', async () => {
    const config = configWithContext('course-lab', engine);
    const r = await runGrade(['first_steps'], { env: { DOCKER_HOST: '', DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gone' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `grade: the Docker context "gone" named by DOCKER_CONTEXT is not in ${config}/contexts — see docker context ls, then docker context use NAME (or unset DOCKER_CONTEXT)`,
    ]);
  });
});
