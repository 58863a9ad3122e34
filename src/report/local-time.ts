import { dateLocale } from '../messages/language';
import type { Lang } from '../messages/catalog';

/** Making a formatter costs a few milliseconds (ICU), a report formats every attempt it shows: one per language and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `2026-11-26T10:05:00Z` → `26 Nov 2026, 11:05 CET`: the time as the person
 * reading it lives it, with the zone named so a shared report stays
 * unambiguous. The zone is this machine's unless given (tests fix it).
 */
export function localTime(iso: string, lang: Lang, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const key = `${lang}\n${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocale(lang), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, format);
  }
  return format.format(d);
}
