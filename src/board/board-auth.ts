import { phrase } from '../messages/phrase';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { replaceFile } from '../files/replace-file';
import { makeFolder } from '../files/make-folder';

/** The instructor's login lasts a lab day; after that, the login form again. */
export const SESSION_MS = 12 * 3600_000;
export const SESSION_COOKIE = 'grade_board_session';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Equal strings, in time independent of where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(sha256(a)), Buffer.from(sha256(b))];
  return timingSafeEqual(x, y);
}

/** A student token: only its hash is stored, the student keeps the token. */
export function newStudentToken(): string {
  return `gbt_${randomBytes(32).toString('base64url')}`;
}

/** Twelve characters people can read out loud and type: no 0/O, 1/I/L. */
export function newJoinCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/**
 * The login cookie holds its issue time and an HMAC of it under the
 * instructor secret: nothing to store, valid after a restart and on every
 * instance that shares the secret.
 */
export function sessionValue(secret: string, issuedAt: number): string {
  const mac = createHmac('sha256', secret).update(`grade-board-session:${issuedAt}`).digest('base64url');
  return `${issuedAt}.${mac}`;
}

export function sessionValid(secret: string, value: string | undefined, now: number): boolean {
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return false;
  const issuedAt = Number(m[1]);
  return now - issuedAt < SESSION_MS && issuedAt <= now + 60_000 && secretsEqual(sessionValue(secret, issuedAt), value!);
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The instructor secret: `$GRADE_BOARD_SECRET`, else the secret file (made
 * with a fresh random secret, readable by its owner only, when it does not
 * exist). Never from the command line, which `ps` and shell history show.
 */
export function instructorSecret(env: NodeJS.ProcessEnv, secretFile: string, create: boolean): { secret: string; created: boolean } {
  if (env.GRADE_BOARD_SECRET) {
    if (env.GRADE_BOARD_SECRET.length < 12) throw new SetupError(phrase('error.secretEnvShort'), phrase('error.secretShortAdvice'));
    return { secret: env.GRADE_BOARD_SECRET, created: false };
  }
  try {
    const secret = readFileSync(secretFile, 'utf8').trim();
    if (secret.length < 12) throw new SetupError(phrase('error.secretFileShort', { file: secretFile }), phrase('error.secretShortAdvice'));
    return { secret, created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw e instanceof SetupError ? e : new SetupError(phrase('error.secretUnreadable', { file: secretFile }), phrase('error.secretUnreadableAdvice'));
    if (!create) throw new SetupError(phrase('error.noSecret', { file: secretFile }), phrase('error.noSecretAdvice'));
  }
  const secret = randomBytes(18).toString('base64url');
  makeFolder(path.dirname(secretFile));
  replaceFile(secretFile, `${secret}\n`, 0o600);
  return { secret, created: true };
}
