import type { CheckKindMeta } from './kind';
import type { Lang } from '../messages/catalog';
import { kindMessagesIt } from '../messages/kinds-it';

/** A kind's message template in a language; English (the kind's own `meta.messages`) when there is no translation. */
export function kindMessageTemplate(meta: Pick<CheckKindMeta<unknown, string>, 'kind' | 'messages'>, messageId: string, lang: Lang): string | undefined {
  const translated = lang === 'it' ? kindMessagesIt[meta.kind]?.[messageId] : undefined;
  return translated ?? meta.messages[messageId];
}
