import { dateLocale } from '../messages/language';
import type { Lang } from '../messages/catalog';

/**
 * `2026-11-26T10:05:00Z` → `26 Nov 2026, 11:05 CET`: the time as the person
 * reading it lives it, with the zone named so a shared report stays
 * unambiguous. The zone is this machine's unless given (tests fix it).
 */
export function localTime(iso: string, lang: Lang, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}
