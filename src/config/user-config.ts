import { phrase } from '../messages/phrase';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ajv, JSONSchemaType } from 'ajv';
import { SetupError } from '../errors/setup-error';
import { replaceFile } from '../files/replace-file';
import { makeFolder } from '../files/make-folder';
import { studentSchema } from '../result/schema';
import type { StudentInfo } from '../result/types';

/**
 * Who is being graded, written once by `grade init`. The one secret here is
 * the live board's student token (it can only send this student's results;
 * the file is readable by its owner only); registry credentials come from the
 * environment only.
 */
export interface UserConfig {
  student?: StudentInfo;
  /** Values for exercise variables, e.g. dockerhub_user. */
  vars?: Record<string, string>;
  /** Written by `grade init --board URL --join CODE`: every `grade` run sends its result there. */
  board?: { url: string; token: string };
}

const schema: JSONSchemaType<UserConfig> = {
  type: 'object',
  properties: {
    student: studentSchema,
    vars: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[a-z][a-z0-9_]*$' } },
    board: {
      type: 'object',
      nullable: true,
      properties: { url: { type: 'string', pattern: '^https?://' }, token: { type: 'string', minLength: 1 } },
      required: ['url', 'token'],
      additionalProperties: false,
    },
  },
  required: [],
  additionalProperties: false,
};

let validate: ReturnType<Ajv['compile']> | undefined;

// The YAML parser and ajv only once there is a config file to read or write (most runs have none).
const yaml = () => require('yaml') as typeof import('yaml');

/** `--config`, else `$GRADE_CONFIG`, else the platform's per-user configuration folder. */
export function userConfigLocation(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string, platform = process.platform, home = os.homedir()): string {
  const chosen = option || env.GRADE_CONFIG;
  if (chosen) return path.resolve(cwd, chosen);
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'grade', 'config.yaml');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'grade', 'config.yaml');
  const base = env.XDG_CONFIG_HOME && path.posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config');
  return path.posix.join(base, 'grade', 'config.yaml');
}

/** The config, or nothing when there is no file yet; a damaged file is a setup error, never ignored. */
export function readUserConfig(file: string): UserConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SetupError(phrase('error.configUnreadable', { file, code: (e as NodeJS.ErrnoException).code }), phrase('error.configUnreadableAdvice'));
  }
  let data: unknown;
  try {
    data = yaml().parse(text) ?? {};
  } catch (e) {
    throw new SetupError(phrase('error.configNotYaml', { file, problem: (e as Error).message.split('\n')[0] }), phrase('error.configFixAdvice'));
  }
  validate ??= new (require('ajv') as typeof import('ajv')).Ajv({ allErrors: true }).compile(schema);
  if (!validate(data)) {
    const err = validate.errors?.[0];
    throw new SetupError(
      phrase('error.configInvalid', { file, path: err?.instancePath || '(root)', problem: err?.message ?? 'is invalid' }),
      phrase('error.configFixAdvice'),
    );
  }
  return data as UserConfig;
}

/** Atomic: written to a new temporary file beside it, then renamed over it. */
export function writeUserConfig(file: string, config: UserConfig): void {
  makeFolder(path.dirname(file));
  // Owner-only from creation on: it may hold the board token.
  replaceFile(
    file,
    `# Written by grade init; grade reads it for who is graded and exercise variables.
${yaml().stringify(config)}`,
    0o600,
  );
}
