import type { MessageId } from '../messages/catalog';
import type { CheckResult } from '../result/types';

/** Kind and runner message ids of an `error` verdict → what the student can do about it. */
const BY_MESSAGE_ID: Readonly<Record<string, MessageId>> = {
  'grader.timeout': 'advice.timeout',
  'grader.interrupted': 'advice.interrupted',
  'grader.cannotGradeState': 'advice.environment',
  rateLimited: 'advice.rateLimited',
  unavailable: 'advice.registryDown',
  noProbe: 'advice.probe',
  noPing: 'advice.probe',
  noProbeImage: 'advice.noProbeImage',
  notRepo: 'advice.notRepo',
};

/**
 * What to do about a check the grader could not decide. The message id says it
 * when the kind or the runner set one; a thrown error carries only its text,
 * so the engine's usual complaints are recognised by their words. Results
 * written before message ids existed are read by their text too.
 */
export function errorAdvice(c: Pick<CheckResult, 'messageId' | 'message'>): MessageId {
  const byId = c.messageId ? BY_MESSAGE_ID[c.messageId] : undefined;
  if (byId) return byId;
  const m = c.message;
  if (/did not finish within|timed? ?out/i.test(m)) return 'advice.timeout';
  if (/grading was interrupted/i.test(m)) return 'advice.interrupted';
  if (/EACCES|permission denied/i.test(m)) return 'advice.permission';
  if (/ECONNREFUSED|ENOENT|ECONNRESET|socket hang up|cannot connect|is the docker daemon running|engine.*(down|unreachable)/i.test(m))
    return 'advice.engineDown';
  return 'advice.unknown';
}
