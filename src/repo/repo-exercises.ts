import { statSync } from 'node:fs';
import { SetupError } from '../errors';
import type { Exercise, RepoSpec } from '../spec/exercise';
import { repoFileReader } from './repo-context';

function hasRequiredFiles(spec: RepoSpec, exists: (file: string) => boolean): boolean {
  return spec.requires.every((r) => (Array.isArray(r) ? r.some(exists) : exists(r)));
}

/** Which exercises a repository is graded on, and why the others are not. */
export function selectRepoExercises(dir: string, catalog: readonly Exercise[], ids: readonly string[]): Exercise[] {
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
    return catalog.filter((e) => ids.includes(e.id));
  }
  const read = repoFileReader(dir);
  const found = repoCapable.filter((e) => hasRequiredFiles(e.repo!, (f) => read(f) !== undefined));
  if (!found.length) {
    const wants = repoCapable.map((e) => `${e.id} (${e.repo!.requires.map((r) => (Array.isArray(r) ? r.join(' or ') : r)).join(' + ')})`).join(', ');
    throw new SetupError(`${dir} has none of the files an exercise is graded from`, `grade repo looks for: ${wants}`);
  }
  return found;
}
