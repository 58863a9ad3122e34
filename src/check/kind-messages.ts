import type { CheckKindMeta } from './kind';
import type { Lang } from '../messages/catalog';

/** A kind's message template in a language; English (the kind's own `meta.messages`) when there is no translation. */
export function kindMessageTemplate(meta: Pick<CheckKindMeta<unknown, string>, 'messages' | 'messagesIt'>, messageId: string, lang: Lang): string | undefined {
  const translated = lang === 'it' ? (meta.messagesIt as Record<string, string | undefined>)[messageId] : undefined;
  return translated ?? meta.messages[messageId];
}
