import { defineCheckKind, phrase } from '../src/check/kind';
import { searchLayers } from '../src/registry/layer-search';
import { REGISTRY_MESSAGES, REGISTRY_MESSAGES_IT, registryFailure, type RegistryMessageId } from '../src/check/registry-verdicts';

interface Params {
  image: string;
  /** An absolute path, or a command name looked up in the image's PATH (like `which`). */
  path: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export default defineCheckKind<Params, 'found' | 'absent' | RegistryMessageId>({
  meta: {
    kind: 'registry.file',
    description:
      'A file is in the pushed image, read from its layers on the registry (streamed, whiteouts and symlinks applied), without pulling it into the engine.',
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        path: { type: 'string', minLength: 1 },
      },
      required: ['image', 'path'],
      additionalProperties: false,
    },
    messages: {
      found: '{{image}} contains {{path}}{{via}}',
      absent: '{{image}} has no {{what}} ({{read}})',
      ...REGISTRY_MESSAGES,
    },
    messagesIt: {
      found: '{{image}} contiene {{path}}{{via}}',
      absent: '{{image}} non ha {{what}} ({{read}})',
      ...REGISTRY_MESSAGES_IT,
    },
  },
  async evaluate(p, ctx) {
    const command = `docker run --rm ${p.image} ${p.path.startsWith('/') ? `ls -l ${p.path}` : `which ${p.path}`}`;
    try {
      const { display } = ctx.registry.resolve(p.image);
      const image = await ctx.registry.pull(p.image, false, ctx.signal);
      const envPath = image.config.config?.Env?.find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
      const candidates = p.path.startsWith('/')
        ? [p.path]
        : envPath
            .split(':')
            .filter(Boolean)
            .map((d) => `${d.replace(/\/$/, '')}/${p.path}`);
      // The manifest lists layers bottom first; the search reads the top one first.
      const layers = [...image.manifest.layers].reverse();
      const result = await searchLayers(
        candidates,
        layers.length,
        async (i) => ({ stream: await ctx.registry.openLayer(p.image, false, layers[i]!, ctx.signal), mediaType: layers[i]!.mediaType }),
        ctx.signal,
      );
      const read = phrase('part.registry.read', {
        read: result.layersRead,
        total: result.layersTotal,
        mib: (result.compressedBytesRead / 1024 / 1024).toFixed(1),
      });
      const evidence = { expected: candidates, actual: { ...result }, command };
      if (result.found) {
        return {
          status: 'pass',
          messageId: 'found',
          data: { image: display, path: result.path!, via: result.via?.length ? phrase('part.registry.via', { links: result.via.join(', ') }) : '' },
          evidence,
        };
      }
      const what = p.path.startsWith('/') ? p.path : phrase('part.registry.inPath', { path: p.path, envPath });
      return { status: 'fail', messageId: 'absent', data: { image: display, what, read }, evidence };
    } catch (e) {
      return registryFailure(e, p.image, command);
    }
  },
});
