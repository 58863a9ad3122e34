import { execFile } from 'node:child_process';
import { SetupError } from '../../errors';

export type ComposeCli = 'plugin' | 'standalone';

function succeeds(file: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(file, args, { timeout: 10_000 }, (err) => resolve(!err)));
}

/**
 * Which compose the machine has: the v2 plugin (`docker compose`) where present,
 * else the v1 `docker-compose` (the only one on Debian's docker.io machines).
 */
export async function detectComposeCli(): Promise<ComposeCli> {
  if (await succeeds('docker', ['compose', 'version'])) return 'plugin';
  if (await succeeds('docker-compose', ['version'])) return 'standalone';
  throw new SetupError(
    'neither `docker compose` nor `docker-compose` runs on this machine, and this repository has a compose file',
    'install the compose plugin (apt install docker-compose-plugin) or docker-compose, or grade only the other exercises: grade repo DIR web_server',
  );
}
