import type { MessageData } from '../messages/phrase';
import type { Lang, MessageId } from '../messages/catalog';
import type { CliIo } from './io';

/** What every command's declaration is given by main: where it runs, its help's words, and where its exit status goes. */
export interface CommandContext {
  io: CliIo;
  argv: readonly string[];
  /** Help text in the help's language (--lang, else the locale), decided before commander parses. */
  help: (id: MessageId, data?: MessageData) => string;
  helpLang: Lang;
  /** The exit status the command's action decided: 0 all passed, 1 something failed, 2 could not run. */
  exit(status: number): void;
  /** The names of grade's commands, for the root command's "did you mean". */
  commandNames(): string[];
}
