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
