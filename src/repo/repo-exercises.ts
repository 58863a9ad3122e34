import { statSync } from 'node:fs';
import { SetupError } from '../errors';
import type { Exercise, RepoSpec } from '../spec/exercise';
import { repoFileReader } from './repo-context';

const describeRequires = (spec: RepoSpec) => spec.requires.map((r) => (Array.isArray(r) ? r.join(' or ') : r)).join(' + ');

/** What the repository lacks for an exercise, in the student's terms; undefined when it has it all. */
export function missingFiles(spec: RepoSpec, exists: (file: string) => boolean): string | undefined {
  const missing = spec.requires.filter((r) => !(Array.isArray(r) ? r.some(exists) : exists(r)));
  if (!missing.length) return undefined;
  return `the repository has no ${missing.map((r) => (Array.isArray(r) ? r.join(' or ') : r)).join(' and no ')}`;
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
export function selectRepoExercises(dir: string, catalog: readonly Exercise[], ids: readonly string[]): RepoSelection {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SetupError(
      `there is no folder ${dir}`,
      'give grade repo the folder of a checkout of the repository: grade repo PATH (default: the current folder)',
    );
  }
  const repoCapable = catalog.filter((e) => e.repo);
  if (ids.length) {
    const unfit = ids.filter((id) => catalog.some((e) => e.id === id) && !repoCapable.some((e) => e.id === id));
    if (unfit.length) {
      throw new SetupError(
        `${unfit.join(', ')} cannot be graded from a repository (no repo: section)`,
        `grade repo grades ${repoCapable.map((e) => e.id).join(', ')}; grade the others on a Docker host with grade ${unfit.join(' ')}`,
      );
    }
    // Unknown ids are reported by planGrading, with the list of known ones.
    return { selected: catalog.filter((e) => ids.includes(e.id)), skipped: [] };
  }
  const read = repoFileReader(dir);
  const exists = (f: string) => read(f) !== undefined;
  const found = repoCapable.filter((e) => !missingFiles(e.repo!, exists));
  if (!found.length) {
    const wants = repoCapable.map((e) => `${e.id} (${describeRequires(e.repo!)})`).join(', ');
    throw new SetupError(`${dir} has none of the files an exercise is graded from`, `grade repo looks for: ${wants}`);
  }
  const skipped = repoCapable
    .filter((e) => !found.includes(e))
    .map((e) => ({
      id: e.id,
      title: e.title,
      reason: `${missingFiles(e.repo!, exists)!} (name it to grade it anyway: grade repo DIR ${e.id}, or GRADE_EXERCISES)`,
    }));
  return { selected: found, skipped };
}
