import { defineCheckKind } from '../src/check/kind';
import { shortId } from '../src/docker/image-reference';

interface Params {
  image: string;
  base: string;
  /** Also require at least one layer of its own (default true): a plain re-tag is not an extension. */
  strict?: boolean;
}

export default defineCheckKind<Params, 'derived' | 'missing' | 'baseMissing' | 'sameLayers' | 'notDerived'>({
  meta: {
    kind: 'image.derived',
    description: "An image is built on a base: the base's layers are a prefix of its layers.",
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        base: { type: 'string', minLength: 1 },
        strict: { type: 'boolean', nullable: true },
      },
      required: ['image', 'base'],
      additionalProperties: false,
    },
    messages: {
      derived: '{{image}} is built on {{base}}: {{baseLayers}} layer(s) of {{base}} plus {{extra}} of its own',
      missing: 'There is no image {{image}} to compare with {{base}}',
      baseMissing: 'The base image {{base}} is not on this host any more, so {{image}} cannot be compared with it',
      sameLayers: '{{image}} has exactly the layers of {{base}}: it is a copy (a re-tag), not an extension',
      notDerived: "{{image}} is not built on {{base}}: its layer {{index}} is not {{base}}'s",
    },
    messagesIt: {
      derived: '{{image}} è costruita su {{base}}: {{baseLayers}} layer di {{base}} più {{extra}} suoi',
      missing: 'Non c’è l’immagine {{image}} da confrontare con {{base}}',
      baseMissing: 'L’immagine di base {{base}} non è più su questo host, quindi {{image}} non si può confrontare',
      sameLayers: '{{image}} ha esattamente i layer di {{base}}: è una copia (un nuovo tag), non un’estensione',
      notDerived: '{{image}} non è costruita su {{base}}: il suo layer {{index}} non è di {{base}}',
    },
  },
  async evaluate({ image, base, strict = true }, ctx) {
    const [img, baseImg] = await Promise.all([ctx.engine.image(image), ctx.engine.image(base)]);
    const command = `docker image inspect -f '{{json .RootFS.Layers}}' ${image} ${base}`;
    if (!img) return { status: 'fail', messageId: 'missing', data: { image, base }, evidence: { command } };
    if (!baseImg) return { status: 'fail', messageId: 'baseMissing', data: { image, base }, evidence: { command: `docker images ${base}` } };
    const layers = img.RootFS.Layers ?? [];
    const baseLayers = baseImg.RootFS.Layers ?? [];
    const evidence = {
      expected: { prefix: baseLayers.map(shortId) },
      actual: { layers: layers.map(shortId) },
      command,
    };
    const index = baseLayers.findIndex((l, i) => layers[i] !== l);
    if (index >= 0) {
      return { status: 'fail', messageId: 'notDerived', data: { image, base, index: index + 1 }, evidence };
    }
    const extra = layers.length - baseLayers.length;
    if (strict && extra === 0) return { status: 'fail', messageId: 'sameLayers', data: { image, base }, evidence };
    return { status: 'pass', messageId: 'derived', data: { image, base, baseLayers: baseLayers.length, extra }, evidence };
  },
});
