import { whereGraded } from '../src/check/where-graded';
import { defineCheckKind, phrase } from '../src/check/kind';
import { shortId } from '../src/docker/image-reference';

interface Params {
  image: string;
}

export default defineCheckKind<Params, 'found' | 'missing'>({
  meta: {
    kind: 'image.exists',
    description: 'An image with this name (and tag) exists on the engine.',
    params: {
      type: 'object',
      properties: { image: { type: 'string', minLength: 1 } },
      required: ['image'],
      additionalProperties: false,
    },
    messages: {
      found: 'Image {{image}} exists ({{id}})',
      missing: 'There is no image {{image}} {{where}}',
    },
    messagesIt: {
      found: 'L’immagine {{image}} esiste ({{id}})',
      missing: 'Non c’è l’immagine {{image}} {{where}}',
    },
  },
  async evaluate({ image }, ctx) {
    const info = await ctx.engine.image(image);
    const command = `docker images ${image}`;
    if (!info) {
      return {
        status: 'fail',
        messageId: 'missing',
        data: { image, where: whereGraded(ctx) },
        evidence: { expected: phrase('evidence.image', { image }), actual: phrase('evidence.noSuchImage'), command },
      };
    }
    return {
      status: 'pass',
      messageId: 'found',
      data: { image, id: shortId(info.Id) },
      evidence: { actual: { id: shortId(info.Id), tags: info.RepoTags ?? [], created: info.Created }, command },
    };
  },
});
