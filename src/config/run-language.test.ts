import { SetupError } from '../errors/setup-error';
import { resolveLanguage } from './run-language';

describe('language of the messages', () => {
  test('--lang wins over the locale', () => {
    expect(resolveLanguage('it', { LANG: 'en_US.UTF-8' })).toBe('it');
    expect(resolveLanguage('EN', { LC_ALL: 'it_IT.UTF-8' })).toBe('en');
  });

  test('else LC_ALL, then LC_MESSAGES, then LANG, as gettext reads them', () => {
    expect(resolveLanguage(undefined, { LC_ALL: 'it_IT.UTF-8', LANG: 'en_US.UTF-8' })).toBe('it');
    expect(resolveLanguage(undefined, { LC_ALL: '', LC_MESSAGES: 'it_IT', LANG: 'en_US.UTF-8' })).toBe('it');
    expect(resolveLanguage(undefined, { LANG: 'it_CH.UTF-8@euro' })).toBe('it');
    expect(resolveLanguage(undefined, { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'it_IT.UTF-8' })).toBe('en');
  });

  test('else English: no locale, C/POSIX, or a language we do not have', () => {
    expect(resolveLanguage(undefined, {})).toBe('en');
    expect(resolveLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(resolveLanguage(undefined, { LC_ALL: 'POSIX' })).toBe('en');
    expect(resolveLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('en');
  });

  test('an unknown --lang is a one-line setup error naming the known ones', () => {
    expect(() => resolveLanguage('fr', {})).toThrow(SetupError);
    expect(() => resolveLanguage('fr', {})).toThrow('unknown language "fr" for --lang');
  });
});
