import type { Lang } from '../messages/catalog';
import type { CheckSpec, ExerciseSpec } from './exercise';

/** The texts of an exercise that students read, each with its Italian beside it in the YAML (`title_it:` next to `title:`). */
const CHECK_TEXTS = ['title', 'hint', 'warning'] as const;
const EXERCISE_TEXTS = ['title', 'description'] as const;

type Translated<K extends string> = { [k in K]?: string } & { [k in `${K}_it`]?: string };

function pick<K extends string>(o: Translated<K>, key: K, lang: Lang): string | undefined {
  return lang === 'it' ? ((o as Record<string, string | undefined>)[`${key}_it`] ?? o[key]) : o[key];
}

/** The exercise as a student reading `lang` sees it: Italian texts where the YAML has them, English otherwise. */
export function localizeExercise<E extends ExerciseSpec>(exercise: E, lang: Lang): E {
  if (lang === 'en') return exercise;
  const texts = <K extends string>(o: Translated<K>, keys: readonly K[]) =>
    Object.fromEntries(keys.flatMap((k) => (pick(o, k, lang) !== undefined ? [[k, pick(o, k, lang)]] : [])));
  return {
    ...exercise,
    ...texts(exercise as Translated<(typeof EXERCISE_TEXTS)[number]>, EXERCISE_TEXTS),
    checks: exercise.checks.map((c): CheckSpec => ({ ...c, ...texts(c as Translated<(typeof CHECK_TEXTS)[number]>, CHECK_TEXTS) })),
  };
}

/** Paths of the Italian texts an exercise lacks (`checks[2].hint_it`): `grade validate` warns about each. */
export function missingTranslations(exercise: ExerciseSpec): string[] {
  const missing = (o: object, keys: readonly string[], at: string) => keys.filter((k) => k in o && !(`${k}_it` in o)).map((k) => `${at}${k}_it`);
  return [...missing(exercise, EXERCISE_TEXTS, ''), ...exercise.checks.flatMap((c, i) => missing(c, CHECK_TEXTS, `checks[${i}].`))];
}
