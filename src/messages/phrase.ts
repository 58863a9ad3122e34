import type { MessageData, MessageId, MessageValue, Phrase, PhraseList } from './catalog';

export type { MessageData, MessageValue, Phrase, PhraseList } from './catalog';

export function phrase(id: MessageId, data?: MessageData): Phrase {
  return data ? { phrase: id, data } : { phrase: id };
}

export function joined(items: readonly MessageValue[], separator: string): PhraseList {
  return { items, separator };
}

/** `a or b or c`, with "or" in the run's language. */
export function eitherOf(items: readonly string[]): PhraseList {
  return joined(
    items.flatMap((item, i) => (i ? [phrase('part.repo.or'), item] : [item])),
    ' ',
  );
}
