import { defineCheckKind, phrase } from '../src/check/kind';
import { textTail } from '../src/words/text-tail';

interface Params {
  image: string;
  /** Absolute path of the file inside the image. */
  path: string;
  /** Regular expression the file's content must match. */
  matches?: string;
}

const tail = (s: string, n = 200) => textTail(s, n).trim();

export default defineCheckKind<Params, 'ok' | 'missing' | 'noFile' | 'mismatch'>({
  meta: {
    kind: 'image.file',
    description: 'A file in an image, copied out of a probe container that is created and never started: it exists, and what it holds.',
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        path: { type: 'string', pattern: '^/', minLength: 2 },
        matches: { type: 'string', format: 'regex', nullable: true },
      },
      required: ['image', 'path'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{path}} in {{image}} holds what was expected',
      missing: 'There is no image {{image}} to read',
      noFile: 'There is no file {{path}} in {{image}}',
      mismatch: '{{path}} in {{image}} holds something else: {{content}}',
    },
    messagesIt: {
      ok: '{{path}} in {{image}} contiene ciò che ci si aspettava',
      missing: 'Non c’è l’immagine {{image}} da leggere',
      noFile: 'Non c’è il file {{path}} in {{image}}',
      mismatch: '{{path}} in {{image}} contiene altro: {{content}}',
    },
  },
  async evaluate(p, ctx) {
    const data = { image: p.image, path: p.path };
    // What the student can type to see the same thing.
    const command = `docker run --rm ${p.image} cat ${p.path}`;
    if (!(await ctx.engine.image(p.image))) return { status: 'fail', messageId: 'missing', data, evidence: { command: `docker images ${p.image}` } };
    const file = await ctx.engine.imageFile(p.image, p.path, ctx.signal);
    const expected = { file: p.path, ...(p.matches ? { matches: p.matches } : {}) };
    if (!file) return { status: 'fail', messageId: 'noFile', data, evidence: { expected, actual: { file: null }, command } };
    const content = file.content.toString('utf8');
    const actual = { file: file.path, content: tail(content, 300), ...(file.truncated ? { truncated: true } : {}) };
    if (p.matches && !new RegExp(p.matches).test(content)) {
      return {
        status: 'fail',
        messageId: 'mismatch',
        data: { ...data, content: tail(content) || phrase('part.file.empty') },
        evidence: { expected, actual, command },
      };
    }
    return { status: 'pass', messageId: 'ok', data, evidence: { expected, actual, command } };
  },
});
