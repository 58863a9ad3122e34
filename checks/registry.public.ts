import { defineCheckKind } from '../src/check/kind';
import { REGISTRY_MESSAGES, REGISTRY_MESSAGES_IT, registryFailure, type RegistryMessageId } from '../src/check/registry-verdicts';

interface Params {
  image: string;
}

export default defineCheckKind<Params, 'ok' | RegistryMessageId>({
  meta: {
    kind: 'registry.public',
    description: 'Anyone can pull the tag: the registry serves its manifest to an anonymous client (a HEAD, never a pull).',
    params: {
      type: 'object',
      properties: { image: { type: 'string', minLength: 1 } },
      required: ['image'],
      additionalProperties: false,
    },
    messages: { ok: 'Anyone can pull {{image}}', ...REGISTRY_MESSAGES },
    messagesIt: {
      ok: 'Chiunque può scaricare {{image}}',
      ...REGISTRY_MESSAGES_IT,
    },
  },
  async evaluate({ image }, ctx) {
    const command = `docker logout && docker manifest inspect ${image}`;
    try {
      const { display } = ctx.registry.resolve(image);
      const head = await ctx.registry.head(image, true, ctx.signal);
      return { status: 'pass', messageId: 'ok', data: { image: display }, evidence: { actual: head, command } };
    } catch (e) {
      return registryFailure(e, image, command);
    }
  },
});
