/**
 * What a kind puts into its message in the exercise author's words ("apache2
 * installed"), with its Italian beside it: src/exercise/localize.ts picks the
 * one in the run's language by these two keys, so every kind that takes such a
 * label spells them the same way.
 */
export interface AuthorLabel {
  /** What the item means, in the student's words: "apache2 installed". */
  label: string;
  /** The same in Italian (`--lang it`). */
  label_it?: string;
}

/** The JSON Schema properties of an AuthorLabel, to spread into an item's `properties`. */
export const authorLabelProperties = {
  label: { type: 'string', minLength: 1 },
  label_it: { type: 'string', minLength: 1, nullable: true },
} as const;
