import type { MessageData } from '../../src/check/kind';
import { renderValue } from '../../src/messages/catalog';

/**
 * A verdict's data as an English report shows it: phrases rendered, numbers
 * kept. Kind tests assert these values, so the English stays byte-identical
 * whether a kind passes a string or a phrase.
 */
export function englishData(data: MessageData | undefined): Record<string, string | number> | undefined {
  if (!data) return undefined;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'number' ? v : renderValue('en', v)]),
  );
}
