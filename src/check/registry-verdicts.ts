import { phrase, type Verdict } from './kind';
import { InvalidReferenceError } from '../docker/image-reference';
import { RegistryError, waitPhrase } from '../registry/registry-client';

/** Message templates every registry kind carries, for what can go wrong before its own question. */
export const REGISTRY_MESSAGES = {
  invalidName: '{{image}} is not a valid image name: {{reason}}',
  notFound: 'The registry has no {{image}} ({{reason}})',
  denied: '{{image}} cannot be read anonymously: it does not exist, or its repository is private',
  rateLimited: 'The registry is rate-limiting: {{reason}} (try again {{wait}})',
  unavailable: 'Cannot ask the registry: {{reason}}',
} as const;

export type RegistryMessageId = keyof typeof REGISTRY_MESSAGES;

/** The same templates in Italian, with the same placeholders. */
export const REGISTRY_MESSAGES_IT: Record<RegistryMessageId, string> = {
  invalidName: '{{image}} non è un nome di immagine valido: {{reason}}',
  notFound: 'Il registry non ha {{image}} ({{reason}})',
  denied: '{{image}} non si può leggere senza login: non esiste, oppure il suo repository è privato',
  rateLimited: 'Il registry sta limitando le richieste: {{reason}} (riprova {{wait}})',
  unavailable: 'Impossibile interrogare il registry: {{reason}}',
};

/**
 * A registry failure as a verdict: the student's doing (no such tag, private,
 * bad name) is `fail`; the registry's (down, slow, rate limit) is `error`.
 * `command` is what the student can type to ask the same question; it goes
 * into the evidence of every outcome.
 */
export function registryFailure(e: unknown, image: string, command: string): Verdict<RegistryMessageId> {
  const v = registryVerdict(e, image);
  return { ...v, evidence: { ...v.evidence, command } };
}

function registryVerdict(e: unknown, image: string): Verdict<RegistryMessageId> {
  if (e instanceof InvalidReferenceError) return { status: 'fail', messageId: 'invalidName', data: { image, reason: e.reason } };
  if (!(e instanceof RegistryError)) throw e;
  const evidence = { actual: { error: e.message, ...(e.details.rateLimit ? { rateLimit: e.details.rateLimit } : {}) } };
  switch (e.kind) {
    case 'notFound': {
      const known = { MANIFEST_UNKNOWN: 'part.registry.noSuchTag', NAME_UNKNOWN: 'part.registry.noSuchRepository' } as const;
      const code = e.details.code;
      const reason = code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN' ? phrase(known[code]) : e.details.status ? `HTTP ${e.details.status}` : e.message;
      return { status: 'fail', messageId: 'notFound', data: { image, reason }, evidence };
    }
    case 'denied':
      return { status: 'fail', messageId: 'denied', data: { image }, evidence };
    case 'rateLimited':
      return { status: 'error', messageId: 'rateLimited', data: { reason: e.said ?? e.message, wait: waitPhrase(e.details.retryAfterSeconds) }, evidence };
    default:
      return { status: 'error', messageId: 'unavailable', data: { reason: e.said ?? e.message }, evidence };
  }
}
