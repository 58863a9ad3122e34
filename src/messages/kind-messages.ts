import type { CheckKindMeta } from '../check/kind';
import type { Lang } from './catalog';
import { kindMessagesIt } from './kinds-it';

/** A kind's message template in a language; English (the kind's own `meta.messages`) when there is no translation. */
export function kindMessageTemplate(meta: Pick<CheckKindMeta<unknown, string>, 'kind' | 'messages'>, messageId: string, lang: Lang): string | undefined {
  const translated = lang === 'it' ? kindMessagesIt[meta.kind]?.[messageId] : undefined;
  return translated ?? meta.messages[messageId];
}
