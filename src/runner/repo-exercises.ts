import { statSync } from 'node:fs';
import { SetupError } from '../errors/setup-error';
import { message, renderValue, type Lang } from '../messages/catalog';
import { eitherOf, joined, phrase, type MessageValue } from '../messages/phrase';
import type { Exercise, RepoSpec } from '../exercise/exercise';
import { localizeExercise } from '../exercise/localize';
import { repoFileReader } from '../repo/repo-context';

/** One required file, or the names it may have: `compose.yaml or docker-compose.yml`. */
const oneOf = (r: RepoSpec['requires'][number]): MessageValue => (Array.isArray(r) ? eitherOf(r) : r);

const describeRequires = (spec: RepoSpec) => joined(spec.requires.map(oneOf), ' + ');

/** What the repository lacks for an exercise, in the student's terms; undefined when it has it all. */
export function missingFiles(spec: RepoSpec, exists: (file: string) => boolean): MessageValue | undefined {
  const missing = spec.requires.filter((r) => !(Array.isArray(r) ? r.some(exists) : exists(r)));
  if (!missing.length) return undefined;
  const files = joined(
    missing.flatMap((r, i) => (i ? [phrase('repo.andNo'), oneOf(r)] : [oneOf(r)])),
    ' ',
  );
  return phrase('repo.missingFiles', { files });
}

export interface RepoSelection {
  /** Graded: named by the course (command line or GRADE_EXERCISES), or found by their files. */
  selected: Exercise[];
  /** Looked for and left out, with why: said on the terminal and in the reports. */
  skipped: { id: string; title: string; reason: string }[];
}

/**
 * Which exercises a repository is graded on. Named ones are always graded (a
 * missing Dockerfile is then a 0 that says so, never a silent pass); without
 * names, those whose files the repository has, and the others are reported as
 * not graded.
 */
export function selectRepoExercises(dir: string, catalog: readonly Exercise[], ids: readonly string[], lang: Lang = 'en'): RepoSelection {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SetupError(message(lang, 'repo.noFolder', { dir }), message(lang, 'repo.noFolderAdvice'));
  }
  const repoCapable = catalog.filter((e) => e.repo);
  if (ids.length) {
    const unfit = ids.filter((id) => catalog.some((e) => e.id === id) && !repoCapable.some((e) => e.id === id));
    if (unfit.length) {
      throw new SetupError(
        message(lang, 'repo.notFromRepo', { ids: unfit.join(', ') }),
        message(lang, 'repo.notFromRepoAdvice', { repoIds: repoCapable.map((e) => e.id).join(', '), others: unfit.join(' ') }),
      );
    }
    // Unknown ids are reported by planGrading, with the list of known ones.
    return { selected: catalog.filter((e) => ids.includes(e.id)), skipped: [] };
  }
  const read = repoFileReader(dir);
  const exists = (f: string) => read(f) !== undefined;
  const found = repoCapable.filter((e) => !missingFiles(e.repo!, exists));
  if (!found.length) {
    const wants = repoCapable.map((e) => `${e.id} (${renderValue(lang, describeRequires(e.repo!))})`).join(', ');
    throw new SetupError(message(lang, 'repo.noneOfTheFiles', { dir }), message(lang, 'repo.looksFor', { wants }));
  }
  const skipped = repoCapable
    .filter((e) => !found.includes(e))
    .map((e) => ({
      id: e.id,
      title: localizeExercise(e, lang).title,
      reason: message(lang, 'repo.skipped', { missing: missingFiles(e.repo!, exists), id: e.id }),
    }));
  return { selected: found, skipped };
}
