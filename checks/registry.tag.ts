import { defineCheckKind } from '../src/check/kind';
import { REGISTRY_MESSAGES, REGISTRY_MESSAGES_IT, registryFailure, type RegistryMessageId } from '../src/check/registry-verdicts';

interface Params {
  /** e.g. `${dockerhub_user}/olss_2021:ubuntu_with_ping_1.0`; no registry host means Docker Hub. */
  image: string;
}

export default defineCheckKind<Params, 'ok' | RegistryMessageId>({
  meta: {
    kind: 'registry.tag',
    description: 'A tag exists on the registry (a manifest HEAD, with the grader credentials from the environment if any), without pulling anything.',
    params: {
      type: 'object',
      properties: { image: { type: 'string', minLength: 1 } },
      required: ['image'],
      additionalProperties: false,
    },
    messages: { ok: '{{image}} is on the registry ({{digest}})', ...REGISTRY_MESSAGES },
    messagesIt: {
      ok: '{{image}} è sul registry ({{digest}})',
      ...REGISTRY_MESSAGES_IT,
    },
  },
  async evaluate({ image }, ctx) {
    const command = `docker manifest inspect ${image}`;
    try {
      const { display } = ctx.registry.resolve(image);
      const head = await ctx.registry.head(image, false, ctx.signal);
      const rateLimit = ctx.registry.rateLimit(image, false);
      return {
        status: 'pass',
        messageId: 'ok',
        data: { image: display, digest: head.digest?.slice(0, 19) ?? 'no digest' },
        evidence: { actual: { ...head, ...(rateLimit ? { rateLimit } : {}) }, command },
      };
    } catch (e) {
      return registryFailure(e, image, command);
    }
  },
});
