import { Help } from '@commander-js/extra-typings';
import { SetupError } from '../errors/setup-error';
import { message, type Lang, type MessageId } from '../messages/catalog';
import { resolveLanguage } from '../config/run-language';
import { argumentWord } from './usage-error';

/**
 * Commander lays an option out as "term  description", wrapping the description
 * in what is left of the line — and not at all when less than 40 columns are
 * left (grade's long option terms on an 80-column terminal). Then the
 * description goes under its term, wrapped at the terminal's width instead.
 */
export function formatHelpItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  const indent = 6;
  if (!description || width - termWidth - 4 >= helper.minWidthToWrap || width - indent < helper.minWidthToWrap)
    return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
  const wrapped = helper.boxWrap(description, width - indent);
  return `  ${term}\n${wrapped.replace(/^/gm, ' '.repeat(indent))}`;
}

/** The value of an option in argv (`--lang it`, `--lang=it`), read before commander parses (for help). */
export function optionValue(argv: readonly string[], ...names: string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((a, i) => {
    for (const n of names) {
      if (a === n) value = argv[i + 1];
      else if (a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
    }
  });
  return value;
}

/**
 * The language help and setup errors are shown in: --lang, else the locale. A --lang grade does not
 * know is no reason to fail here; the command that reads --lang says so.
 */
export function helpLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  try {
    return resolveLanguage(optionValue(argv, '--lang'), env);
  } catch (e) {
    if (e instanceof SetupError) return resolveLanguage(undefined, env);
    throw e;
  }
}

/**
 * What commander writes itself — section titles and "(default: …)" — in the
 * help's language. English is left to commander, so its help is unchanged.
 */
export function helpInLanguage(lang: Lang): Partial<Help> {
  if (lang === 'en') return {};
  const titles: Record<string, MessageId> = {
    'Usage:': 'help.titleUsage',
    'Options:': 'help.titleOptions',
    'Commands:': 'help.titleCommands',
    'Arguments:': 'help.titleArguments',
  };
  const defaultInLanguage = (description: string) =>
    description.replace(/\(default: (.*)\)$/, (_whole, value: string) => `(${message(lang, 'help.defaultValue', { value })})`);
  const word = (name: string) => argumentWord(name, lang);
  const inLanguage = (line: string) =>
    line
      .split(' ')
      .map((w) =>
        w.replace(/^([[<])([a-z-]+)(\.\.\.)?([\]>])$/, (_whole, open: string, name: string, dots = '', close: string) => `${open}${word(name)}${dots}${close}`),
      )
      .join(' ');
  return {
    styleTitle: (title: string) => (titles[title] ? message(lang, titles[title]) : title),
    styleUsage: (usage: string) => inLanguage(usage),
    styleSubcommandTerm: (term: string) => inLanguage(term),
    styleArgumentTerm: (term: string) => word(term),
    optionDescription(option) {
      return defaultInLanguage(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(argument) {
      return defaultInLanguage(Help.prototype.argumentDescription.call(this, argument));
    },
  };
}
