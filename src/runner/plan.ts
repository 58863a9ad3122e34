import type { ValidateFunction } from 'ajv';
import { checkKinds } from '../../checks';
import type { CheckKind } from '../check/kind';
import { closestWord } from '../words/closest-word';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import type { NotGraded } from '../result/types';
import { localizeExercise } from '../exercise/localize';
import { appliesIn, type CheckSpec, type Exercise, type GradingMode } from '../exercise/exercise';
import { referencedVariables, substituteVariables } from '../exercise/variables';

export interface PlannedCheck {
  exercise: Exercise;
  spec: CheckSpec;
  kind: CheckKind<unknown, string>;
  /** Parameters with `${variables}` substituted and validated again. */
  params: unknown;
  title: string;
  hint?: string;
  hintCommand?: string;
}

export interface PlannedExercise {
  exercise: Exercise;
  checks: PlannedCheck[];
}

export interface Plan {
  exercises: PlannedExercise[];
  /** Exercises left out of a grade-everything run for want of variables. */
  notGraded: { exercise: Exercise; missing: string[] }[];
}

const paramValidators = new Map<string, ValidateFunction>();
function paramValidator(kind: CheckKind<unknown, string>): ValidateFunction {
  let v = paramValidators.get(kind.meta.kind);
  if (!v) {
    // ajv is loaded only for an exercise with variables (most runs have none to check again).
    const { Ajv } = require('ajv') as typeof import('ajv');
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    v = ajv.compile(kind.meta.params);
    paramValidators.set(kind.meta.kind, v);
  }
  return v;
}

export function variableAdvice(exercise: Exercise, missing: string[], lang: Lang = 'en'): string {
  const decl = exercise.variables ?? {};
  return message(lang, 'runner.variableAdvice', {
    options: missing.map((m) => `--var ${m}=${decl[m]?.example ?? 'VALUE'}`).join(' '),
    env: missing.map((m) => `GRADE_VAR_${m.toUpperCase()}`).join(', '),
  });
}

/** The plan's left-out exercises as the result records them: which, and what to give so they are graded. */
export function notGradedExercises(plan: Plan, lang: Lang = 'en'): NotGraded[] {
  return plan.notGraded.map(({ exercise, missing }) => ({
    id: exercise.id,
    title: exercise.title,
    reason: message(lang, 'runner.needsVariables', { variables: missing.join(', '), advice: variableAdvice(exercise, missing, lang) }),
  }));
}

/**
 * Picks the exercises to grade (all, in catalogue order, when none are named),
 * substitutes variables, and fails early — before touching any engine — on an
 * unknown id or a missing variable. Grading everything leaves out exercises
 * whose variables are missing instead (a student who has not given a Docker
 * Hub user still gets the rest graded).
 */
export function planGrading(
  catalog: readonly Exercise[],
  ids: readonly string[],
  vars: Readonly<Record<string, string>>,
  mode: GradingMode = 'host',
  lang: Lang = 'en',
): Plan {
  const known = new Map(catalog.map((e) => [e.id, e]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    const suggestions = unknown.map((u) => closestWord(u, [...known.keys()])?.word).filter((w): w is string => w !== undefined);
    const didYouMean = suggestions.length ? `${message(lang, 'cli.didYouMean', { suggestion: suggestions.join(', ') })} ` : '';
    throw new SetupError(
      message(lang, 'error.unknownExercise', { ids: unknown.map((u) => `"${u}"`).join(', ') }),
      message(lang, 'error.unknownExerciseAdvice', { didYouMean, known: [...known.keys()].join(', ') }),
    );
  }
  // Only the checks that run in this mode, with the texts a student reads in their language.
  const selected = (ids.length ? [...new Set(ids)].map((id) => known.get(id)!) : [...catalog]).map((e) =>
    localizeExercise({ ...e, checks: e.checks.filter((c) => appliesIn(c, mode)) }, lang),
  );
  const missingOf = (exercise: Exercise) =>
    [...referencedVariables(exercise.checks.map((c) => [c.params, c.title, c.hint ?? '', c.hint_command ?? '']))].filter((v) => !(v in vars));
  const notGraded = ids.length ? [] : selected.map((exercise) => ({ exercise, missing: missingOf(exercise) })).filter((x) => x.missing.length);
  const exercises = selected
    .filter((e) => e.checks.length && !notGraded.some((n) => n.exercise === e))
    .map((exercise) => {
      const missing = missingOf(exercise);
      if (missing.length) {
        const decl = exercise.variables ?? {};
        throw new SetupError(
          message(lang, 'error.needsVariables', {
            id: exercise.id,
            variables: missing.map((m) => `${m} (${decl[m]?.description ?? message(lang, 'error.aValue')})`).join(', '),
          }),
          variableAdvice(exercise, missing, lang),
        );
      }
      const checks = exercise.checks.map((spec): PlannedCheck => {
        const kind = checkKinds[spec.kind]!;
        const params = substituteVariables(spec.params, vars);
        // Loading validated the params as written; only substituted values are new.
        const validate = referencedVariables(spec.params).size ? paramValidator(kind) : undefined;
        if (validate && !validate(params)) {
          const first = validate.errors?.[0];
          throw new SetupError(
            message(lang, 'error.badVariableValue', {
              id: exercise.id,
              check: spec.id,
              path: first?.instancePath ?? '',
              problem: first?.message ?? 'are invalid',
            }),
            message(lang, 'error.badVariableValueAdvice'),
          );
        }
        return {
          exercise,
          spec,
          kind,
          params,
          title: substituteVariables(spec.title, vars),
          ...(spec.hint ? { hint: substituteVariables(spec.hint, vars) } : {}),
          ...(spec.hint_command ? { hintCommand: substituteVariables(spec.hint_command, vars) } : {}),
        };
      });
      return { exercise, checks };
    });
  return { exercises, notGraded };
}
