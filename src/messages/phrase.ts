import type { MessageId } from './catalog';

/**
 * A piece of a message that a kind builds in code (where it looked, a list of
 * problems): an id of the tool's catalogue and its values, so the piece is
 * rendered in the run's language like the sentence around it. Values the
 * student controls (names, command output) stay plain strings.
 */
export interface Phrase {
  phrase: MessageId;
  data?: MessageData;
}

/** Several values shown one after the other, e.g. problems joined by "; ". */
export interface PhraseList {
  items: readonly MessageValue[];
  separator: string;
}

export type MessageValue = string | number | undefined | Phrase | PhraseList;
export type MessageData = Record<string, MessageValue>;

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
