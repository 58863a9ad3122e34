import type { JSONSchemaType } from 'ajv';
import type { Verdict } from './kind';

/** The parameters of a kind that asks for a named engine object (a network, a volume) made with a given driver. */
export interface NamedObjectParams {
  name: string;
  /** e.g. `bridge` for a user-defined bridge, `local` for `docker volume create`. */
  driver?: string;
}

export const namedObjectParams: JSONSchemaType<NamedObjectParams> = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    driver: { type: 'string', minLength: 1, nullable: true },
  },
  required: ['name'],
  additionalProperties: false,
};

export type NamedObjectMessage = 'ok' | 'missing' | 'wrongDriver';

/** What the engine has of that kind of object: every name (for the evidence), and the one asked for, if there. */
export interface NamedObjectLookup {
  names: string[];
  found?: { driver: string; details: Record<string, string> };
  /** The command that shows the student what the grader saw. */
  command: string;
}

/** The verdict on a named object: there, and made with the driver asked for. */
export function judgeNamedObject(p: NamedObjectParams, seen: NamedObjectLookup): Verdict<NamedObjectMessage> {
  const { found, command } = seen;
  if (!found) return { status: 'fail', messageId: 'missing', data: { name: p.name }, evidence: { expected: p, actual: seen.names, command } };
  const evidence = { expected: p, actual: { name: p.name, driver: found.driver, ...found.details }, command };
  if (p.driver && found.driver !== p.driver) {
    return { status: 'fail', messageId: 'wrongDriver', data: { name: p.name, actual: found.driver, expected: p.driver }, evidence };
  }
  return { status: 'pass', messageId: 'ok', data: { name: p.name, driver: found.driver }, evidence };
}
