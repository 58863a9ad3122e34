import type { Lang } from './catalog';

/** The locale Intl formats dates with for a language: day before month in both. */
export function dateLocale(lang: Lang): string {
  return lang === 'it' ? 'it-IT' : 'en-GB';
}
