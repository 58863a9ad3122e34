import type { Lang } from '../../src/messages/catalog';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { loadClassFile } from '../../src/batch/hosts-file';
import type { BoardLimits } from '../../src/board/board-server';
import { BoardServer } from '../../src/board/board-server';
import type { CatalogueExercise } from '../../src/board/board-result-checks';
import type { BoardStore } from '../../src/board/board-store';
import { openBoardStore } from '../../src/board/open-store';
import { boardExercises } from '../../src/cli/board-command';
import { defaultExercisesDir } from '../../src/package/package-info';
import { exerciseScore, totalScore, type CheckResult, type GradeResult } from '../../src/result/types';
import { appliesIn } from '../../src/exercise/exercise';
import { loadExercises } from '../../src/exercise/load';
import { HOSTILE } from './grade-results';
import { startPostgres, type PostgresCluster } from './postgres';

export const BOARD_SECRET = 'test-instructor-secret-0123456789';

/** Three students: two with hosts (one with an HTML-hostile name; s01 may also push their own runs), one who pushes from a laptop. */
export const CLASS_YAML = `hosts:
  - { id: s01, name: Alice Example, host: vm1.invalid, selfReport: true }
  - { id: s02, name: ${JSON.stringify(`${HOSTILE.script} ${HOSTILE.img}`)}, host: vm2.invalid }
students:
  - { id: s03, name: Carla Laptop }
`;

export interface TestBoard {
  server: BoardServer;
  store: BoardStore;
  url: string;
  dir: string;
  classFile: string;
  db: string;
  /** Moves the board's clock (the stuck mark). */
  advance(ms: number): void;
  /** Stops the server and its store (a restart: start again with the same db). */
  stop(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

/**
 * The shipped exercises as the board sees them, read once per language and test file: a board test starts dozens of
 * boards, and parsing every spec again for each cost a tenth of a second or more of CPU each time.
 */
const catalogues = new Map<Lang, CatalogueExercise[]>();
function shippedCatalogue(lang: Lang = 'en'): CatalogueExercise[] {
  let exercises = catalogues.get(lang);
  if (!exercises) catalogues.set(lang, (exercises = boardExercises(defaultExercisesDir, lang)));
  return exercises;
}

/** A real board on a loopback port with a SQLite file (or the given db), as `grade board` starts it. */
export async function startTestBoard(
  opts: {
    db?: string;
    dir?: string;
    port?: number;
    limits?: Partial<BoardLimits>;
    stuckMinutes?: number;
    /** How often the board updates its page for the clock alone (default 1000 ms). */
    clockTickMs?: number;
    trustProxy?: string[];
    /** The class file (default CLASS_YAML). */
    classYaml?: string;
    /** Wraps the store the board is given (to count what it reads). */
    wrapStore?: (store: BoardStore) => BoardStore;
    lang?: Lang;
  } = {},
): Promise<TestBoard> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'grade-board-'));
  const classFile = path.join(dir, 'class.yaml');
  writeFileSync(classFile, opts.classYaml ?? CLASS_YAML);
  const db = opts.db ?? path.join(dir, 'class.board.sqlite');
  const store = await openBoardStore(db);
  let offset = 0;
  const server = await BoardServer.create({
    store: opts.wrapStore ? opts.wrapStore(store) : store,
    roster: loadClassFile(classFile),
    exercises: shippedCatalogue(opts.lang),
    secret: BOARD_SECRET,
    className: 'class.yaml',
    stuckMinutes: opts.stuckMinutes ?? 10,
    clock: () => Date.now() + offset,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.clockTickMs ? { clockTickMs: opts.clockTickMs } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
  });
  const url = await server.listen('127.0.0.1', opts.port ?? 0);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
    await store.close();
  };
  return {
    server,
    store,
    url,
    dir,
    classFile,
    db,
    advance: (ms) => (offset += ms),
    stop,
    close: async () => {
      await stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The instructor's session cookie, through the login form. */
export async function instructorCookie(url: string): Promise<string> {
  const res = await request(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ secret: BOARD_SECRET }).toString(),
  });
  await res.body.dump();
  return String(res.headers['set-cookie']).split(';')[0]!;
}

export async function joinAs(url: string, code: string, studentId: string): Promise<string> {
  const res = await request(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, studentId }) });
  const body = (await res.body.json()) as { token: string };
  if (res.statusCode !== 201) throw new Error(`join: ${res.statusCode} ${JSON.stringify(body)}`);
  return body.token;
}

/**
 * A result as the grader would send it for the catalog's real exercises: per
 * exercise, how many of its checks (in order) pass.
 */
let catalog: ReturnType<typeof loadExercises> | undefined;

export function catalogResult(studentId: string, passing: Record<string, number>): GradeResult {
  // Loaded once: the load script builds thousands of these.
  catalog ??= loadExercises(defaultExercisesDir);
  const exercises = catalog
    .filter((e) => e.id in passing)
    .map((e) => {
      const checks: CheckResult[] = e.checks
        .filter((c) => appliesIn(c, 'host'))
        .map((c, i) => {
          const pass = i < passing[e.id]!;
          return {
            id: c.id,
            title: c.title,
            kind: c.kind,
            status: pass ? 'pass' : 'fail',
            points: pass ? c.points : 0,
            maxPoints: c.points,
            ...(c.bonus ? { bonus: true } : {}),
            message: '',
            durationMs: 5,
          };
        });
      return { id: e.id, title: e.title, slides: e.slides, score: exerciseScore(checks), checks };
    });
  return {
    schemaVersion: 1,
    grader: { name: 'grade', version: '0.1.0' },
    target: { kind: 'local', endpoint: 'unix:///var/run/docker.sock', dockerVersion: '20.10.24' },
    student: { id: studentId },
    startedAt: new Date(Date.now() - 2000).toISOString(),
    durationMs: 1500,
    score: totalScore(exercises),
    exercises,
  };
}

export type StoreName = 'SQLite' | 'PostgreSQL';

/**
 * The two stores a board test runs against — the fixture's SQLite file, and a
 * fresh database of a private PostgreSQL cluster — with a scratch folder.
 * Call at the top of a test file: it registers the cluster's start and stop.
 * `only` keeps one store, so a file per store can run beside the other.
 */

export function bothStores(name: string, only?: StoreName): { backends: [string, () => Promise<string | undefined>][]; scratch: () => string } {
  let pg: PostgresCluster | undefined;
  let tmp = '';
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), `grade-${name}-`));
    if (only !== 'SQLite') pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });
  return {
    backends: (
      [
        ['SQLite', async () => undefined],
        ['PostgreSQL', () => pg!.database(name.replace(/\W/g, '_'))],
      ] as [StoreName, () => Promise<string | undefined>][]
    ).filter(([store]) => !only || store === only),
    scratch: () => tmp,
  };
}
