import { message, type Lang, type MessageId } from '../messages/catalog';
import { terminalText } from '../report/terminal-text';

/**
 * Commander's own usage errors ("error: unknown option '--bogus'"), as grade's one line: `grade: ` what
 * happened in the run's language — what to do. Commander's text is read back by its error code; one grade
 * does not know keeps commander's words.
 */
export function usageErrorLine(code: string, commanderText: string, commandPath: string, lang: Lang): string {
  const text = commanderText.replace(/^error: /, '').trim();
  const seeHelp = message(lang, 'cli.seeHelp', { command: commandPath });
  const say = (what: string, advice = seeHelp) => `grade: ${terminalText(what)} — ${advice}`;
  let m: RegExpExecArray | null;
  switch (code) {
    case 'commander.unknownOption':
      if ((m = /^unknown option '([^']*)'(?:\s*\(Did you mean (\S+)\?\))?/.exec(text))) {
        const option = m[1]!;
        // docker -v and npm -v print the version: grade's is -V, --version.
        if (/^-v$|^--ver(s(i(on?)?)?)?$/.test(option) || option === '-version')
          return say(message(lang, 'cli.unknownOption', { option }), message(lang, 'cli.versionHint'));
        if (m[2]) return say(message(lang, 'cli.unknownOption', { option }), `${message(lang, 'cli.didYouMean', { suggestion: m[2] })} ${seeHelp}`);
        return say(message(lang, 'cli.unknownOption', { option }));
      }
      break;
    case 'commander.invalidArgument':
      if ((m = /^option '(\S+)[^']*' argument '(.*)' is invalid\. (.*)$/s.exec(text)))
        return say(message(lang, 'cli.badOptionValue', { option: m[1], value: m[2], why: m[3] }));
      if ((m = /^command-argument value '(.*)' is invalid for argument '([^']*)'\. (.*)$/s.exec(text)))
        return say(message(lang, 'cli.badArgumentValue', { value: m[1], why: m[3] }));
      break;
    case 'commander.optionMissingArgument':
      if ((m = /^option '(\S+)[^']*' argument missing/.exec(text))) return say(message(lang, 'cli.optionNeedsValue', { option: m[1] }));
      break;
    case 'commander.missingArgument':
      if ((m = /^missing required argument '([^']*)'/.exec(text))) return say(message(lang, 'cli.missingArgument', { argument: argumentWord(m[1]!, lang) }));
      break;
    case 'commander.missingMandatoryOptionValue':
      if ((m = /^required option '(\S+)[^']*' not specified/.exec(text))) return say(message(lang, 'cli.requiredOption', { option: m[1] }));
      break;
    case 'commander.excessArguments':
      return say(message(lang, 'cli.tooManyArguments'));
    case 'commander.unknownCommand':
      if ((m = /^unknown command '([^']*)'/.exec(text))) return say(message(lang, 'cli.unknownCommand', { command: m[1] }));
      break;
  }
  return say(text);
}

/** The words of usage lines and argument terms ("<hosts-file>", "[exercise...]") in `lang`; option flags stay as typed. */
const ARGUMENT_WORDS: Record<string, MessageId> = {
  options: 'help.word.options',
  command: 'help.word.command',
  exercise: 'help.word.exercise',
  'hosts-file': 'help.word.hostsFile',
  file: 'help.word.file',
  dir: 'help.word.dir',
  out: 'help.word.out',
  shard: 'help.word.shard',
  student: 'help.word.student',
  shell: 'help.word.shell',
};
export const argumentWord = (name: string, lang: Lang) => (ARGUMENT_WORDS[name] ? message(lang, ARGUMENT_WORDS[name]) : name);
