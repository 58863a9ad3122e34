import type { Lang } from '../messages/catalog';
import type { CheckSpec, ExerciseSpec } from './exercise';

/** The texts of an exercise that students read, each with its Italian beside it in the YAML (`title_it:` next to `title:`). */
const CHECK_TEXTS = ['title', 'hint', 'warning'] as const;
const EXERCISE_TEXTS = ['title', 'description'] as const;
/**
 * Inside a check's params, what a kind puts into its message in the author's
 * words (image.history's and dockerfile.instructions' `label: apache2
 * installed`) has its Italian beside it the same way: `label_it:`.
 */
const PARAM_TEXT = 'label';
const PARAM_TEXT_IT = `${PARAM_TEXT}_it`;

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
    checks: exercise.checks.map((c): CheckSpec => ({
      ...c,
      ...texts(c as Translated<(typeof CHECK_TEXTS)[number]>, CHECK_TEXTS),
      params: localizeParams(c.params, lang) as CheckSpec['params'],
    })),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Params with every `label` in `lang` (English where `label_it` is missing); the `label_it` keys are gone either way. */
function localizeParams(value: unknown, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((v) => localizeParams(v, lang));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== PARAM_TEXT_IT) out[k] = localizeParams(v, lang);
  if (lang === 'it' && typeof value[PARAM_TEXT_IT] === 'string') out[PARAM_TEXT] = value[PARAM_TEXT_IT];
  return out;
}

/** Paths (`params.steps[0].label_it`) of the labels inside params without their Italian. */
function missingParamTranslations(value: unknown, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => missingParamTranslations(v, `${at}[${i}]`));
  if (!isRecord(value)) return [];
  const here = typeof value[PARAM_TEXT] === 'string' && !(PARAM_TEXT_IT in value) ? [`${at}.${PARAM_TEXT_IT}`] : [];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => missingParamTranslations(v, `${at}.${k}`))];
}

/** Paths of the Italian texts an exercise lacks (`checks[2].hint_it`): `grade validate` warns about each. */
export function missingTranslations(exercise: ExerciseSpec): string[] {
  const missing = (o: object, keys: readonly string[], at: string) => keys.filter((k) => k in o && !(`${k}_it` in o)).map((k) => `${at}${k}_it`);
  return [
    ...missing(exercise, EXERCISE_TEXTS, ''),
    ...exercise.checks.flatMap((c, i) => [...missing(c, CHECK_TEXTS, `checks[${i}].`), ...missingParamTranslations(c.params, `checks[${i}].params`)]),
  ];
}
