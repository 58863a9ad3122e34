import { execFile } from 'node:child_process';

/**
 * What is on the engine, as the docker CLI the examples type lists it. A
 * student's commands label nothing (`docker run --name web nginx` carries no
 * label of grade's), so what an example made is known by difference: the
 * objects after its setup that were not there before.
 */
export interface EngineObjects {
  containers: string[];
  /** `id|repository:tag` for each tag, `id|<none>:<none>` for untagged images. */
  images: string[];
  /** User-defined networks only: bridge, host and none are the engine's own. */
  networks: string[];
  volumes: string[];
}

export interface DockerCli {
  /** Runs `docker ARGS`; resolves with stdout, rejects with its stderr. */
  run(args: string[]): Promise<string>;
}

export function dockerCli(env: NodeJS.ProcessEnv): DockerCli {
  return {
    run: (args) =>
      new Promise((resolve, reject) =>
        execFile('docker', args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) =>
          err ? reject(new Error((stderr || err.message).trim().split('\n').slice(-1)[0])) : resolve(stdout),
        ),
      ),
  };
}

const rows = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

export async function listEngineObjects(docker: DockerCli): Promise<EngineObjects> {
  const [containers, images, networks, volumes] = await Promise.all([
    docker.run(['ps', '-aq', '--no-trunc']),
    docker.run(['images', '-a', '--no-trunc', '--format', '{{.ID}}|{{.Repository}}:{{.Tag}}']),
    docker.run(['network', 'ls', '-q', '--no-trunc', '--filter', 'type=custom']),
    docker.run(['volume', 'ls', '-q']),
  ]);
  return { containers: rows(containers), images: rows(images), networks: rows(networks), volumes: rows(volumes) };
}

/** What `after` holds that `before` did not: the objects an example made. */
export function madeSince(before: EngineObjects, after: EngineObjects): EngineObjects {
  const added = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  return {
    containers: added(after.containers, before.containers),
    images: added(after.images, before.images),
    networks: added(after.networks, before.networks),
    volumes: added(after.volumes, before.volumes),
  };
}

export const isEmpty = (o: EngineObjects) => !o.containers.length && !o.images.length && !o.networks.length && !o.volumes.length;

/** What makes an engine unfit to test on: anything but images (images are what examples start from). */
export function otherObjects(o: EngineObjects): string[] {
  return [
    ...o.containers.map((c) => `container ${c.slice(0, 12)}`),
    ...o.networks.map((n) => `network ${n.slice(0, 12)}`),
    ...o.volumes.map((v) => `volume ${v}`),
  ];
}

/**
 * Puts the engine back as `before` had it: removes the containers, networks,
 * volumes and image tags made since, and moves back a tag a setup moved
 * (`docker build -t ubuntu .`). Nothing that `before` held is removed. A
 * volume can stay held for a moment after its container went, so removal is
 * tried again; what still stands at the end is returned, by kind and id.
 */
export async function removeMadeSince(docker: DockerCli, before: EngineObjects, attempts = 10): Promise<string[]> {
  let left: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const made = madeSince(before, await listEngineObjects(docker));
    const quietly = (args: string[]) => docker.run(args).catch(() => undefined);
    if (made.containers.length) await quietly(['rm', '-f', '-v', ...made.containers]);
    if (made.networks.length) await quietly(['network', 'rm', ...made.networks]);
    if (made.volumes.length) await quietly(['volume', 'rm', '-f', ...made.volumes]);
    const heldIds = new Set(before.images.map((r) => r.split('|')[0]));
    for (const row of made.images) {
      const [id, tag] = row.split('|') as [string, string];
      await quietly(['rmi', '-f', tag.startsWith('<none>') || !tag ? id : tag]);
      if (!heldIds.has(id)) await quietly(['rmi', '-f', id]);
    }
    // A tag moved to a new image was just removed with it: put it back on the image it named.
    const now = await listEngineObjects(docker);
    for (const row of before.images) {
      const [id, tag] = row.split('|') as [string, string];
      if (!tag.startsWith('<none>') && !now.images.includes(row)) await quietly(['tag', id, tag]);
    }
    const still = madeSince(before, await listEngineObjects(docker));
    left = [
      ...still.containers.map((c) => `container ${c.slice(0, 12)}`),
      ...still.networks.map((n) => `network ${n.slice(0, 12)}`),
      ...still.volumes.map((v) => `volume ${v}`),
      ...still.images.map(
        (r) =>
          `image ${
            r.split('|')[1]!.startsWith('<none>')
              ? r
                  .split('|')[0]!
                  .replace(/^sha256:/, '')
                  .slice(0, 12)
              : r.split('|')[1]
          }`,
      ),
    ];
    if (!left.length) return [];
    await new Promise((r) => setTimeout(r, 300));
  }
  return left;
}
