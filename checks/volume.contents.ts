import { patternInWords } from '../src/check/pattern-words';
import { defineCheckKind, phrase } from '../src/check/kind';

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
  },
  async evaluate(p, ctx) {
    const [volumes, containers] = await Promise.all([ctx.engine.volumes(), ctx.engine.containers()]);
    if (!volumes.some((v) => v.Name === p.volume)) return { status: 'fail', messageId: 'missingVolume', data: { volume: p.volume } };
    const user = containers.find((c) => c.Mounts?.some((m) => m.Type === 'volume' && m.Name === p.volume));
    // The probe reuses an image already on the host: grading never pulls.
    const image = p.probeImage ?? user?.ImageID;
    if (!image) return { status: 'error', messageId: 'noProbeImage', data: { volume: p.volume } };
    const dir = `${MOUNT}${p.path ?? ''}`;
    const out = await ctx.engine.probe(
      { image, entrypoint: ['ls'], cmd: ['-A', dir], volumes: [{ name: p.volume, target: MOUNT }], capabilities: ['DAC_READ_SEARCH'], timeoutMs: 10_000 },
      ctx.signal,
    );
    const command = `docker run --rm -v ${p.volume}:/data:ro ${p.probeImage ?? user?.Image ?? 'IMAGE'} ls -A /data${p.path ?? ''}`;
    if (out.startError || out.exitCode === null) throw new Error(`the probe could not list the volume: ${out.startError ?? 'timed out'}`);
    if (out.exitCode !== 0) return { status: 'fail', messageId: 'noPath', data: { volume: p.volume, path: p.path ?? '/' }, evidence: { command } };
    const entries = out.stdout.split('\n').filter(Boolean);
    const shown = entries.slice(0, 10).join(', ') + (entries.length > 10 ? ` (+${entries.length - 10})` : '');
    const evidence = { expected: p.file ? { file: p.file } : phrase('evidence.atLeastOneEntry'), actual: entries.slice(0, 50), command };
    if (entries.length === 0) return { status: 'fail', messageId: 'empty', data: { volume: p.volume }, evidence };
    if (p.file && !entries.some((e) => new RegExp(p.file!).test(e))) {
      return { status: 'fail', messageId: 'noMatch', data: { volume: p.volume, entries: shown, file: patternInWords(p.file, 'qualifier') }, evidence };
    }
    return { status: 'pass', messageId: 'ok', data: { volume: p.volume, entries: shown }, evidence };
  },
});
