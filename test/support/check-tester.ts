import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { CheckKind, Verdict } from '../../src/check/kind';
import { EngineView } from '../../src/docker/engine-view';
import { ProbeRunner } from '../../src/docker/probes';
import { RegistryAccess, type RegistryAccessOptions } from '../../src/registry/registry-access';
import { LocalTarget } from '../../src/grading-target/local/local-target';
import { englishData } from './english-data';
import { engineResetAfterEach, leftoverProbes } from './host-state';
import { sh } from './shell';
import { within } from '../../src/time/deadline';

interface CaseBase<P> {
  name: string;
  /** Shell commands that build the host state, typed as a student would (a function when it needs run-time values). */
  setup?: (string | (() => string))[];
  params: P;
  /** Registry options for this case (e.g. a test registry standing for Docker Hub). */
  registry?: () => RegistryAccessOptions;
  /** Values expected in the verdict's data (a subset). */
  data?: Record<string, unknown>;
}

export interface ValidCase<P, M extends string> extends CaseBase<P> {
  messageId?: M;
}

export interface InvalidCase<P, M extends string> extends CaseBase<P> {
  messageId: M;
  /** `fail` unless said otherwise. */
  status?: 'fail' | 'error';
}

/** The check's time limit as the runner would set it: grade's default --timeout. */
const CHECK_TIME_LIMIT_MS = 30_000;

/** Evaluates one kind against the live engine, as the runner would, and removes its probes. */
export async function evaluateKind<P, M extends string>(kind: CheckKind<P, M>, params: P, registryOptions: RegistryAccessOptions = {}): Promise<Verdict<M>> {
  const target = await new LocalTarget().open();
  const probes = new ProbeRunner(target.engine);
  try {
    const view = new EngineView(target.engine, probes);
    const registry = new RegistryAccess(registryOptions, { os: target.info.os, architecture: target.info.arch });
    return await within(60_000, (signal) =>
      kind.evaluate(params, {
        engine: view,
        http: target.http,
        registry,
        signal,
        deadline: Date.now() + CHECK_TIME_LIMIT_MS,
      }),
    );
  } finally {
    await probes.dispose();
    await target.close();
  }
}

/**
 * RuleTester for check kinds: checks the kind's meta (schema compiles, cases
 * validate against it, message ids exist), then builds each case's host state
 * on the real engine and asserts the status, message id and data. Cases run
 * serially and the engine is reset after each.
 */
export function testCheckKind<P, M extends string>(
  kind: CheckKind<P, M>,
  cases: { valid: ValidCase<NoInfer<P>, M>[]; invalid: InvalidCase<NoInfer<P>, M>[]; registry?: () => RegistryAccessOptions },
): void {
  describe(`check kind ${kind.meta.kind}`, () => {
    engineResetAfterEach();

    test('meta: schema compiles strictly, cases fit it, messages exist', () => {
      const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(kind.meta.params);
      expect(kind.meta.description.length).toBeGreaterThan(10);
      expect(Object.keys(kind.meta.params.properties ?? {}).length).toBeGreaterThan(0);
      for (const [id, text] of Object.entries(kind.meta.messages)) expect([id, (text as string).length > 0]).toEqual([id, true]);
      const all = [...cases.valid, ...cases.invalid];
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
      for (const c of all) {
        expect([c.name, validate(c.params) ? 'valid' : JSON.stringify(validate.errors)]).toEqual([c.name, 'valid']);
        if (c.messageId) expect(Object.keys(kind.meta.messages)).toContain(c.messageId);
      }
    });

    const run = async (c: CaseBase<P>) => {
      for (const cmd of c.setup ?? []) await sh(typeof cmd === 'function' ? cmd() : cmd);
      const verdict = await evaluateKind(kind, c.params, (c.registry ?? cases.registry)?.() ?? {});
      expect(await leftoverProbes()).toEqual([]);
      return verdict;
    };

    for (const c of cases.valid) {
      test(`passes: ${c.name}`, async () => {
        const v = await run(c);
        expect({ status: v.status, messageId: v.messageId, data: englishData(v.data) }).toMatchObject({
          status: 'pass',
          ...(c.messageId ? { messageId: c.messageId } : {}),
          ...(c.data ? { data: c.data } : {}),
        });
      });
    }
    for (const c of cases.invalid) {
      test(`${c.status ?? 'fail'}s: ${c.name}`, async () => {
        const v = await run(c);
        expect({ status: v.status, messageId: v.messageId, data: englishData(v.data) }).toMatchObject({
          status: c.status ?? 'fail',
          messageId: c.messageId,
          ...(c.data ? { data: c.data } : {}),
        });
      });
    }
  });
}
