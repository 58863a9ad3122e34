import { sh, shell } from './shell';

/**
 * What is on the engine, in fields that only change when something is created,
 * removed, started, stopped or re-attached — so two snapshots around a grading
 * run are equal exactly when grading touched nothing.
 */
export interface EngineSnapshot {
  containers: string[];
  images: string[];
  networks: string[];
  volumes: string[];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

export async function snapshotEngine(): Promise<EngineSnapshot> {
  const ids = lines(await sh('docker ps -aq --no-trunc'));
  const containers = ids.length
    ? lines(
        await sh(
          `docker inspect -f '{{.Id}}|{{.Name}}|{{.Config.Image}}|{{.Image}}|{{.State.Status}}|{{.State.StartedAt}}|{{.State.FinishedAt}}|{{.RestartCount}}|{{json .HostConfig}}|{{json .Mounts}}|{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}},{{end}}' ${ids.join(' ')}`,
        ),
      )
    : [];
  const images = lines(await sh("docker images -a --no-trunc --format '{{.ID}}|{{.Repository}}:{{.Tag}}'"));
  const netIds = lines(await sh('docker network ls -q --no-trunc'));
  const networks = lines(
    await sh(`docker network inspect -f '{{.Id}}|{{.Name}}|{{.Driver}}|{{range $k, $v := .Containers}}{{$k}},{{end}}' ${netIds.join(' ')}`),
  );
  const volumes = lines(await sh("docker volume ls --format '{{.Name}}|{{.Driver}}'"));
  return { containers, images, networks, volumes };
}

const idOf = (row: string) => row.split('|')[0]!;

/**
 * Puts the engine back as it was at `baseline`: removes containers, networks,
 * volumes and images created since (tests' own objects), and re-tags a
 * baseline tag that a test moved.
 */
export async function resetEngine(baseline: EngineSnapshot): Promise<void> {
  const now = await snapshotEngine();
  const keep = (rows: string[]) => new Set(rows.map(idOf));
  const baseContainers = keep(baseline.containers);
  const extraContainers = now.containers.map(idOf).filter((id) => !baseContainers.has(id));
  if (extraContainers.length) await shell(`docker rm -f -v ${extraContainers.join(' ')}`);
  const baseNets = keep(baseline.networks);
  const extraNets = now.networks.map(idOf).filter((id) => !baseNets.has(id));
  if (extraNets.length) await shell(`docker network rm ${extraNets.join(' ')}`);
  const baseVols = keep(baseline.volumes);
  const extraVols = now.volumes.map(idOf).filter((v) => !baseVols.has(v));
  if (extraVols.length) await shell(`docker volume rm -f ${extraVols.join(' ')}`);
  const baseTags = new Map(baseline.images.map((r) => [r.split('|')[1]!, idOf(r)]));
  const baseImageIds = new Set(baseline.images.map(idOf));
  for (const row of now.images) {
    const [id, tag] = row.split('|') as [string, string];
    if (tag === '<none>:<none>') continue;
    if (baseTags.get(tag) !== id) await shell(`docker rmi -f ${tag}`);
  }
  for (const [tag, id] of baseTags) if (tag !== '<none>:<none>') await shell(`docker tag ${id} ${tag}`);
  const leftovers = lines(await sh('docker images -a -q --no-trunc')).filter((id) => !baseImageIds.has(id));
  if (leftovers.length) await shell(`docker rmi -f ${[...new Set(leftovers)].join(' ')}`);
}

/** Containers the grader created and did not remove (should always be empty). */
export async function leftoverProbes(): Promise<string[]> {
  return lines(await sh("docker ps -a --filter label=io.github.grade.probe --format '{{.ID}} {{.Names}}'"));
}
