import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { CheckContext, CheckKind, Verdict } from '../../src/check/kind';
import { englishData } from './english-data';
import { firstExistingWith, repoFileReader, type RepoContext, type StepName, type StepOutcome } from '../../src/repo/repo-context';
import { within } from '../../src/time/deadline';

export interface RepoCase<P, M extends string> {
  name: string;
  /** The repository's files; a value `{ symlink }` makes a symbolic link. */
  files?: Record<string, string | { symlink: string }>;
  /** How grade repo's steps went, for repo.step. */
  steps?: Partial<Record<StepName, StepOutcome>>;
  params: P;
  status?: 'pass' | 'fail' | 'error';
  messageId: M;
  /** Values expected in the verdict's data (a subset; strings may be regular expressions). */
  data?: Record<string, string | RegExp>;
  /** Evaluate without a repository (host mode). */
  noRepo?: boolean;
}

/** Engine, HTTP and registry that fail loudly: the kinds tested here read only files. */
const untouchable = (what: string) =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error(`a repository kind used the ${what}`);
      },
    },
  );

export async function evaluateRepoKind<P, M extends string>(kind: CheckKind<P, M>, c: RepoCase<P, M>): Promise<Verdict<M>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-kind-'));
  try {
    for (const [file, content] of Object.entries(c.files ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      if (typeof content === 'string') writeFileSync(path.join(dir, file), content);
      else symlinkSync(content.symlink, path.join(dir, file));
    }
    const readFile = repoFileReader(dir);
    const repo: RepoContext = {
      dir,
      readFile,
      firstExisting: firstExistingWith(readFile),
      step: (name) => c.steps?.[name],
      skippedBecause: () => 'an earlier step failed',
    };
    return await within(10_000, (signal) => {
      const ctx = {
        engine: untouchable('engine'),
        http: untouchable('HTTP client'),
        registry: untouchable('registry'),
        signal,
        ...(c.noRepo ? {} : { repo }),
      } as unknown as CheckContext;
      return kind.evaluate(c.params, ctx);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Like testCheckKind, for kinds that read a repository's files: no engine involved. */
export function testRepoKind<P, M extends string>(kind: CheckKind<P, M>, cases: RepoCase<NoInfer<P>, M>[]): void {
  describe(`check kind ${kind.meta.kind}`, () => {
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    const validate = ajv.compile(kind.meta.params);

    test('meta: the schema compiles, every case validates, message ids exist', () => {
      for (const c of cases) {
        expect({ case: c.name, valid: validate(c.params), errors: validate.errors ?? null }).toEqual({ case: c.name, valid: true, errors: null });
        expect(Object.keys(kind.meta.messages)).toContain(c.messageId);
      }
    });

    for (const c of cases) {
      test(`${c.status ?? 'fail'}s: ${c.name}`, async () => {
        const v = await evaluateRepoKind(kind, c);
        expect({ status: v.status, messageId: v.messageId }).toEqual({ status: c.status ?? 'fail', messageId: c.messageId });
        const data = englishData(v.data);
        for (const [k, want] of Object.entries(c.data ?? {})) {
          if (want instanceof RegExp) expect(String(data?.[k])).toMatch(want);
          else expect(data?.[k]).toBe(want);
        }
      });
    }
  });
}
