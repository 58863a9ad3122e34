import { defineCheckKind, phrase } from '../src/check/kind';
import { shortId } from '../src/docker/image-reference';
import { REGISTRY_MESSAGES, REGISTRY_MESSAGES_IT, registryFailure, type RegistryMessageId } from '../src/check/registry-verdicts';

interface Params {
  image: string;
  /** The local image it must be (same layers, compared by diff id). */
  local: string;
  /** Accept a pushed image built on top of the local one (more layers). Default false. */
  allowExtraLayers?: boolean;
}

export default defineCheckKind<Params, 'same' | 'extra' | 'different' | 'localMissing' | RegistryMessageId>({
  meta: {
    kind: 'registry.layers',
    description: "The pushed image is a local one: the config's rootfs.diff_ids, read from the registry, equal the local image's layers.",
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        local: { type: 'string', minLength: 1 },
        allowExtraLayers: { type: 'boolean', nullable: true },
      },
      required: ['image', 'local'],
      additionalProperties: false,
    },
    messages: {
      same: '{{image}} has exactly the {{count}} layer(s) of the local {{local}}',
      extra: '{{image}} is the local {{local}} plus {{extra}} layer(s) of its own',
      different: '{{image}} is not the local {{local}}: {{why}}',
      localMissing: 'There is no local image {{local}} to compare {{image}} with',
      ...REGISTRY_MESSAGES,
    },
    messagesIt: {
      same: '{{image}} ha esattamente i {{count}} layer della {{local}} locale',
      extra: '{{image}} è la {{local}} locale più {{extra}} layer suoi',
      different: '{{image}} non è la {{local}} locale: {{why}}',
      localMissing: 'Non c’è un’immagine locale {{local}} con cui confrontare {{image}}',
      ...REGISTRY_MESSAGES_IT,
    },
  },
  async evaluate(p, ctx) {
    const command = `docker image inspect -f '{{json .RootFS.Layers}}' ${p.local}`;
    let remote: string[];
    let display = p.image;
    try {
      display = ctx.registry.resolve(p.image).display;
      remote = (await ctx.registry.pull(p.image, false, ctx.signal)).config.rootfs?.diff_ids ?? [];
    } catch (e) {
      return registryFailure(e, p.image, command);
    }
    const local = (await ctx.engine.image(p.local))?.RootFS.Layers;
    if (!local)
      return { status: 'fail', messageId: 'localMissing', data: { image: display, local: p.local }, evidence: { command: `docker images ${p.local}` } };
    const evidence = { expected: local.map(shortId), actual: remote.map(shortId), command };
    const prefix = local.every((l, i) => remote[i] === l);
    if (prefix && remote.length === local.length)
      return { status: 'pass', messageId: 'same', data: { image: display, local: p.local, count: local.length }, evidence };
    if (prefix && remote.length > local.length) {
      const data = { image: display, local: p.local, extra: remote.length - local.length };
      if (p.allowExtraLayers) return { status: 'pass', messageId: 'extra', data, evidence };
      return {
        status: 'fail',
        messageId: 'different',
        data: { image: display, local: p.local, why: phrase('part.registry.moreLayers', { extra: data.extra }) },
        evidence,
      };
    }
    const index = local.findIndex((l, i) => remote[i] !== l);
    const why =
      index >= 0 && index < remote.length
        ? phrase('part.registry.layerDiffers', { index: index + 1, remote: shortId(remote[index]!), local: shortId(local[index]!) })
        : phrase('part.registry.layerCount', { remote: remote.length, local: local.length });
    return { status: 'fail', messageId: 'different', data: { image: display, local: p.local, why }, evidence };
  },
});
