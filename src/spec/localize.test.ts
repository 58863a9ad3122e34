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
