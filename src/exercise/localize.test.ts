import type { ExerciseSpec } from './exercise';
import { localizeExercise, missingTranslations } from './localize';

const exercise = (extra: Partial<ExerciseSpec>): ExerciseSpec => ({
  id: 'demo',
  title: 'Demo',
  title_it: 'Prova',
  slides: ['Dockerfiles'],
  checks: [{ id: 'image', title: 'Image demo exists', title_it: 'L’immagine demo esiste', kind: 'image.exists', points: 10, params: { image: 'demo' } }],
  ...extra,
});

describe('exercise descriptions in Italian', () => {
  test('a description without description_it is a missing translation; with it, none', () => {
    expect(missingTranslations(exercise({ description: 'Build demo.' }))).toEqual(['description_it']);
    expect(missingTranslations(exercise({ description: 'Build demo.', description_it: 'Costruisci demo.' }))).toEqual([]);
    expect(missingTranslations(exercise({}))).toEqual([]);
  });

  test('an Italian reader gets the Italian description', () => {
    const it = localizeExercise(exercise({ description: 'Build demo.', description_it: 'Costruisci demo.' }), 'it');
    expect(it.description).toBe('Costruisci demo.');
  });
});

describe('labels inside params in Italian', () => {
  const withSteps = (steps: object[]): ExerciseSpec =>
    exercise({
      checks: [
        {
          id: 'steps',
          title: 'Steps',
          title_it: 'Passi',
          kind: 'image.history',
          points: 5,
          params: { image: 'demo', steps, atMost: [{ label: 'RUN apt', pattern: 'apt', max: 1 }] },
        },
      ],
    });

  test('a label without label_it is a missing translation, named by its path', () => {
    const e = withSteps([
      { label: 'apache2 installed', label_it: 'apache2 installato', pattern: 'apache2' },
      { label: 'curl installed', pattern: 'curl' },
    ]);
    expect(missingTranslations(e)).toEqual(['checks[0].params.steps[1].label_it', 'checks[0].params.atMost[0].label_it']);
  });

  test('an Italian reader gets label_it as the label, an English one the label; label_it never reaches the kind in Italian', () => {
    const e = withSteps([
      { label: 'apache2 installed', label_it: 'apache2 installato', pattern: 'apache2' },
      { label: 'curl installed', pattern: 'curl' },
    ]);
    expect(localizeExercise(e, 'it').checks[0]!.params).toEqual({
      image: 'demo',
      steps: [
        { label: 'apache2 installato', pattern: 'apache2' },
        { label: 'curl installed', pattern: 'curl' },
      ],
      atMost: [{ label: 'RUN apt', pattern: 'apt', max: 1 }],
    });
    expect(localizeExercise(e, 'en').checks[0]!.params).toMatchObject({ steps: [{ label: 'apache2 installed' }, { label: 'curl installed' }] });
  });
});
