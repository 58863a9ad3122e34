import { localizeEvidence } from './catalog';
import { joined, phrase } from './phrase';

describe('evidence in the run’s language', () => {
  test('the words grade writes are rendered; what the engine or the student wrote stays as it came', () => {
    const evidence = {
      expected: phrase('evidence.image', { image: 'web_server' }),
      actual: { state: 'exited', seen: [phrase('evidence.noSuchContainer'), 'no such container'], summary: joined([phrase('part.nothing'), 'x'], ' / ') },
      command: 'docker images web_server',
    };
    expect(localizeEvidence(evidence, 'it')).toEqual({
      expected: 'immagine web_server',
      actual: { state: 'exited', seen: ['nessun container così', 'no such container'], summary: 'niente / x' },
      command: 'docker images web_server',
    });
    expect(localizeEvidence(evidence, 'en').expected).toBe('image web_server');
  });

  test('an object of the engine’s with a "phrase" key is data, not a phrase', () => {
    const engineJson = { phrase: 'not.an.id', data: {} };
    const label = { phrase: 'evidence.noSuchImage', other: 1 };
    expect(localizeEvidence({ actual: [engineJson, label] }, 'it')).toEqual({ actual: [engineJson, label] });
  });
});

describe('patterns in words a novice reads', () => {
  // Imported here, beside the other message rendering tests: what the student reads of a spec's regular expression.
  const { literalOf, patternInWords } = require('../check/pattern-words') as typeof import('../check/pattern-words');
  const { renderValue } = require('./catalog') as typeof import('./catalog');

  test('plain text is quoted as text; a real pattern is never shown', () => {
    expect(literalOf('^echo hello from the container$')).toEqual({ text: 'echo hello from the container', exact: true });
    expect(literalOf('mypi\\.py')).toEqual({ text: 'mypi.py', exact: false });
    expect(literalOf('^\\w{3} \\d+$')).toBeUndefined();
    expect(literalOf('python[0-9.]*\\s+mypi')).toBeUndefined();
    expect(renderValue('en', patternInWords('^/bin/bash$', 'qualifier'))).toBe('`/bin/bash`');
    expect(renderValue('en', patternInWords('wordpress', 'qualifier'))).toBe('with `wordpress`');
    expect(renderValue('it', patternInWords('^\\w{3} \\d+$', 'qualifier'))).toBe('nella forma chiesta dall’esercizio (il modello è nei Dettagli)');
    expect(renderValue('en', patternInWords('Hello from a web server!', 'bare'))).toBe('"Hello from a web server!"');
    for (const lang of ['en', 'it'] as const) expect(renderValue(lang, patternInWords('apachectl\\W+-D', 'bare'))).not.toMatch(/\\W|\/.*\//);
  });
});
