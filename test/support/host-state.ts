import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
 * baseline tag that a test moved. A probe that was still being created when a
 * grading run was cut short (batch timeouts) can hold a volume for a moment,
 * so removal is retried until nothing extra is left; a leak that outlives the
 * retries fails the suite that caused it instead of poisoning the next
 * suite's baseline.
 */
export async function resetEngine(baseline: EngineSnapshot): Promise<void> {
  let left: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    left = await removeExtras(baseline);
    if (!left.length) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the test engine still holds objects a test created: ${left.join(', ')}`);
}

async function removeExtras(baseline: EngineSnapshot): Promise<string[]> {
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

  const after = await snapshotEngine();
  const extra = (rows: string[], base: string[], what: string) => {
    const b = keep(base);
    return rows.filter((r) => !b.has(idOf(r))).map((r) => `${what} ${r.split('|').slice(0, 2).join(' ')}`);
  };
  return [
    ...extra(after.containers, baseline.containers, 'container'),
    ...extra(after.networks, baseline.networks, 'network'),
    ...extra(after.volumes, baseline.volumes, 'volume'),
  ];
}

/** Containers the grader created and did not remove (should always be empty). */
export async function leftoverProbes(): Promise<string[]> {
  return lines(await sh("docker ps -a --filter label=io.github.grade.probe --format '{{.ID}} {{.Names}}'"));
}

/**
 * One baseline per engine: developers testing at once on private engines
 * (DOCKER_HOST differs) may share a temporary folder, and another engine's
 * baseline would make this engine's own networks look like leftovers to
 * remove. Resolved when used: the global setup sets the run's TMPDIR after
 * this module is loaded.
 */
const engineKey = createHash('sha256')
  .update(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock')
  .digest('hex')
  .slice(0, 12);
const baselineFile = () => path.join(os.tmpdir(), `grade-test-engine-baseline-${engineKey}.json`);

/**
 * Called once by the global setup. The suites assert what a grading run finds
 * on an otherwise empty engine, so the engine must hold nothing but the
 * stand-in images; anything else (a developer's own containers, or what an
 * interrupted earlier run left) is refused with the list, and removed only
 * when GRADE_TEST_RESET_ENGINE=1 says this engine is the tests' to clear.
 */
export async function recordSessionBaseline(standinLabel: string): Promise<void> {
  const foreign = await foreignObjects(standinLabel);
  if (foreign.length && process.env.GRADE_TEST_RESET_ENGINE === '1') {
    await shell('docker ps -aq | xargs -r docker rm -f -v');
    await shell('docker network ls -q --filter type=custom | xargs -r docker network rm');
    await shell('docker volume ls -q | xargs -r docker volume rm -f');
    const images = await foreignImages(standinLabel);
    if (images.length) await shell(`docker rmi -f ${images.join(' ')}`);
  } else if (foreign.length) {
    throw new Error(
      `the test engine holds objects the suites did not create: ${foreign.join(', ')}. ` +
        'The tests grade an otherwise empty engine; remove them, or run with GRADE_TEST_RESET_ENGINE=1 to let the tests remove them.',
    );
  }
  await fs.writeFile(baselineFile(), JSON.stringify(await snapshotEngine()));
}

/** Tagged images that are not stand-ins (docker images cannot print labels, so compare ids). */
async function foreignImages(standinLabel: string): Promise<string[]> {
  const standins = new Set(lines(await sh(`docker images -q --no-trunc --filter label=${standinLabel}`)));
  return lines(await sh("docker images --no-trunc --format '{{.ID}}|{{.Repository}}:{{.Tag}}'"))
    .map((row) => row.split('|') as [string, string])
    .filter(([id, tag]) => !standins.has(id) && !tag.startsWith('<none>'))
    .map(([, tag]) => tag);
}

async function foreignObjects(standinLabel: string): Promise<string[]> {
  const containers = lines(await sh("docker ps -a --format 'container {{.Names}}'"));
  const volumes = lines(await sh("docker volume ls --format 'volume {{.Name}}'"));
  const networks = lines(await sh("docker network ls --filter type=custom --format 'network {{.Name}}'"));
  const images = (await foreignImages(standinLabel)).map((tag) => `image ${tag}`);
  return [...containers, ...volumes, ...networks, ...images];
}

/**
 * The state a suite starts from and returns to: the session's baseline, after
 * removing anything an earlier suite left, so one suite's leak cannot become
 * part of every later suite's "clean" engine.
 */
export async function suiteBaseline(): Promise<EngineSnapshot> {
  let session: EngineSnapshot;
  try {
    session = JSON.parse(await fs.readFile(baselineFile(), 'utf8')) as EngineSnapshot;
  } catch {
    return snapshotEngine();
  }
  await resetEngine(session);
  return session;
}

/**
 * The hooks of a suite that changes the engine: it starts from the suite
 * baseline and returns to it after every test, so a failed test cannot leave
 * its containers to the next. Returns the baseline, for tests that compare
 * the engine with it (known once beforeAll has run).
 */
export function engineResetAfterEach(): () => EngineSnapshot {
  let baseline: EngineSnapshot | undefined;
  beforeAll(async () => {
    baseline = await suiteBaseline();
  });
  afterEach(async () => {
    if (baseline) await resetEngine(baseline);
  });
  return () => {
    if (!baseline) throw new Error('the suite baseline is read in beforeAll: ask for it inside a test');
    return baseline;
  };
}
