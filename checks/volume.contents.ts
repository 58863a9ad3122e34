import { posix } from 'node:path';
import { patternInWords } from '../src/check/pattern-words';
import { defineCheckKind, phrase, type CheckContext } from '../src/check/kind';
import type { ContainerSummary } from '../src/docker/engine';
import { topLevelEntries } from '../src/docker/archive-listing';

interface Params {
  volume: string;
  /** A folder inside the volume (default: its root). */
  path?: string;
  /** Regular expression one entry's name must match; without it, any entry will do. */
  file?: string;
  /** Image to run the read-only probe from; default: the image of a container that uses the volume. */
  probeImage?: string;
}

const MOUNT = '/grade-volume';

export default defineCheckKind<Params, 'ok' | 'missingVolume' | 'empty' | 'noMatch' | 'noPath' | 'noProbeImage'>({
  meta: {
    kind: 'volume.contents',
    description: 'What a volume holds, read by a probe that mounts it read-only: data written in a container survives it.',
    params: {
      type: 'object',
      properties: {
        volume: { type: 'string', minLength: 1 },
        path: { type: 'string', pattern: '^/', nullable: true },
        file: { type: 'string', format: 'regex', nullable: true },
        probeImage: { type: 'string', minLength: 1, nullable: true },
      },
      required: ['volume'],
      additionalProperties: false,
    },
    messages: {
      ok: 'Volume {{volume}} holds {{entries}}',
      missingVolume: 'There is no volume {{volume}}',
      empty: 'Volume {{volume}} is empty: nothing written in it survived',
      noMatch: 'Volume {{volume}} holds {{entries}}, but no entry {{file}}',
      noPath: 'Volume {{volume}} has no {{path}}',
      noProbeImage: 'Cannot read volume {{volume}}: no container uses it, so there is no image to read it with',
    },
    messagesIt: {
      ok: 'Il volume {{volume}} contiene {{entries}}',
      missingVolume: 'Non c’è il volume {{volume}}',
      empty: 'Il volume {{volume}} è vuoto: niente di ciò che vi è stato scritto è rimasto',
      noMatch: 'Il volume {{volume}} contiene {{entries}}, ma nessun elemento {{file}}',
      noPath: 'Il volume {{volume}} non ha {{path}}',
      noProbeImage: 'Impossibile leggere il volume {{volume}}: nessun container lo usa, quindi non c’è un’immagine con cui leggerlo',
    },
  },
  async evaluate(p, ctx) {
    const [volumes, containers] = await Promise.all([ctx.engine.volumes(), ctx.engine.containers()]);
    if (!volumes.some((v) => v.Name === p.volume)) return { status: 'fail', messageId: 'missingVolume', data: { volume: p.volume } };
    const user = containers.find((c) => c.Mounts?.some((m) => m.Type === 'volume' && m.Name === p.volume));
    // The probe reuses an image already on the host: grading never pulls.
    const image = p.probeImage ?? user?.ImageID;
    if (!image) return { status: 'error', messageId: 'noProbeImage', data: { volume: p.volume } };
    const command = `docker run --rm -v ${p.volume}:/data:ro ${p.probeImage ?? user?.Image ?? 'IMAGE'} ls -A /data${p.path ?? ''}`;
    const entries = (user && (await listedThroughContainer(ctx, user, p))) ?? (await listedByProbe(ctx, image, p));
    if (entries === 'noPath') return { status: 'fail', messageId: 'noPath', data: { volume: p.volume, path: p.path ?? '/' }, evidence: { command } };
    const shown = entries.slice(0, 10).join(', ') + (entries.length > 10 ? ` (+${entries.length - 10})` : '');
    const evidence = { expected: p.file ? { file: p.file } : phrase('evidence.atLeastOneEntry'), actual: entries.slice(0, 50), command };
    if (entries.length === 0) return { status: 'fail', messageId: 'empty', data: { volume: p.volume }, evidence };
    if (p.file && !entries.some((e) => new RegExp(p.file!).test(e))) {
      return { status: 'fail', messageId: 'noMatch', data: { volume: p.volume, entries: shown, file: patternInWords(p.file, 'qualifier') }, evidence };
    }
    return { status: 'pass', messageId: 'ok', data: { volume: p.volume, entries: shown }, evidence };
  },
});

/** `ls -A` of the folder in a probe that mounts the volume read-only (and may read every file: DAC_READ_SEARCH). */
async function listedByProbe(ctx: CheckContext, image: string, p: Params): Promise<string[] | 'noPath'> {
  const out = await ctx.engine.probe(
    {
      image,
      entrypoint: ['ls'],
      cmd: ['-A', `${MOUNT}${p.path ?? ''}`],
      volumes: [{ name: p.volume, target: MOUNT }],
      capabilities: ['DAC_READ_SEARCH'],
      timeoutMs: 10_000,
    },
    ctx.signal,
  );
  if (out.startError || out.exitCode === null) throw new Error(`the probe could not list the volume: ${out.startError ?? 'timed out'}`);
  if (out.exitCode !== 0) return 'noPath';
  return out.stdout.split('\n').filter(Boolean);
}

/**
 * The same listing without starting anything: the folder copied out of a
 * container that mounts the volume (`docker cp`, the engine's archive API,
 * which reads a stopped container's volumes too). Undefined — the probe
 * decides — whenever the copy could show something else than the volume
 * alone: another mount inside that folder, a path that is no folder (or a
 * symbolic link, which ls would follow), a folder too big to list this way,
 * anything the engine refuses.
 */
async function listedThroughContainer(ctx: CheckContext, user: ContainerSummary, p: Params): Promise<string[] | undefined> {
  const mount = user.Mounts?.find((m) => m.Type === 'volume' && m.Name === p.volume);
  if (!mount) return undefined;
  const dir = posix.join(mount.Destination, p.path ?? '/');
  if (user.Mounts.some((m) => m !== mount && (m.Destination === dir || m.Destination.startsWith(`${dir}/`) || m.Destination === mount.Destination))) {
    return undefined;
  }
  // A mount of part of the volume (--mount …,volume-subpath=…) shows that part at its destination.
  const details = await ctx.engine.container(user.Id);
  const subpath = details?.HostConfig.Mounts?.some(
    (m) => m.Target === mount.Destination && (m as { VolumeOptions?: { Subpath?: string } }).VolumeOptions?.Subpath,
  );
  if (!details || subpath) return undefined;
  try {
    const tar = await ctx.engine.containerArchive(user.Id, dir, ctx.signal);
    return tar ? await topLevelEntries(tar) : undefined;
  } catch {
    return undefined;
  }
}
