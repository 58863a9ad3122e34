import { phrase } from '../messages/phrase';
import { SetupError } from '../errors/setup-error';
import { isLang, languages, type Lang } from '../messages/catalog';

/**
 * The language of the messages: `--lang` first, else the locale the shell
 * gives (LC_ALL, then LC_MESSAGES, then LANG, as gettext reads them), else
 * English. `it_IT.UTF-8` → it; C, POSIX and languages we lack → en.
 */
export function resolveLanguage(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (option !== undefined) {
    const lang = option.trim().toLowerCase();
    if (!isLang(lang)) throw new SetupError(phrase('error.unknownLang', { lang: option }), phrase('error.unknownLangAdvice', { langs: languages.join(', ') }));
    return lang;
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const lang = locale?.split(/[_.@-]/)[0]?.toLowerCase() ?? '';
  return isLang(lang) ? lang : 'en';
}
