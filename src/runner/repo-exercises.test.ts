import { setupErrorOf } from '../../test/support/setup-error';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultExercisesDir } from '../package/package-info';
import { loadExercises } from '../exercise/load';
import { selectRepoExercises } from './repo-exercises';

const catalog = loadExercises(defaultExercisesDir);
const REPOS = path.join(__dirname, '..', '..', 'test', 'fixtures', 'repos');

const setupLine = (run: () => unknown) => setupErrorOf(run).line();

describe('which exercises grade repo grades (selectRepoExercises)', () => {
  test('a repository without a compose file: web_server graded, wordpress_compose not, with why, in English and Italian', () => {
    const en = selectRepoExercises(path.join(REPOS, 'missing-index'), catalog, []);
    expect(en.selected.map((e) => e.id)).toEqual(['web_server']);
    expect(en.skipped).toEqual([
      {
        id: 'wordpress_compose',
        title: expect.any(String),
        reason:
          'the repository has no docker-compose.yml or docker-compose.yaml or compose.yaml or compose.yml (name it to grade it anyway: grade repo DIR wordpress_compose, or GRADE_EXERCISES)',
      },
    ]);
    const it = selectRepoExercises(path.join(REPOS, 'missing-index'), catalog, [], 'it');
    expect(it.skipped[0]!.title).toBe(catalog.find((e) => e.id === 'wordpress_compose')!.title_it);
    expect(it.skipped[0]!.reason).toBe(
      'il repository non ha docker-compose.yml o docker-compose.yaml o compose.yaml o compose.yml (nominalo per valutarlo comunque: grade repo DIR wordpress_compose, o GRADE_EXERCISES)',
    );
  });

  test('a folder with none of the files, a folder that does not exist: one line each, in the run’s language', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-select-'));
    expect(setupLine(() => selectRepoExercises(empty, catalog, []))).toMatch(
      /^.* has none of the files an exercise is graded from — grade repo looks for: .*web_server \(Dockerfile\)/,
    );
    expect(setupLine(() => selectRepoExercises(empty, catalog, [], 'it'))).toMatch(
      /^.* non contiene nessuno dei file da cui si valuta un esercizio — grade repo cerca: .*wordpress_compose \(docker-compose\.yml o docker-compose\.yaml o compose\.yaml o compose\.yml\)/,
    );
    expect(setupLine(() => selectRepoExercises(path.join(empty, 'missing'), catalog, [], 'it'))).toMatch(
      /^la cartella .*missing non esiste — dai a grade repo/,
    );
    expect(setupLine(() => selectRepoExercises(empty, catalog, ['first_steps'], 'it'))).toMatch(/^first_steps non si può valutare da un repository/);
  });
});
