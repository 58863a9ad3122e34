import { setFlagsFromString as setV8Flags } from 'node:v8';
import { CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { SetupError } from '../errors/setup-error';
import { terminalText } from '../report/terminal-text';
import { processIo, type CliIo } from './io';
import { resolveLanguage } from '../config/run-language';
import { message } from '../messages/catalog';
import { closestWord } from '../words/closest-word';
import type { CommandContext } from './command-context';
import { usageErrorLine } from './usage-error';
import { formatHelpItem, helpInLanguage, helpLanguage, optionValue } from './help-format';
import { gradeProgram } from './commands/grade';
import { listCommand } from './commands/list';
import { validateCommand } from './commands/validate';
import { examplesCommand, newExerciseCommand } from './commands/examples';
import { batchCommand, mergeCommand } from './commands/batch';
import { repoCommand } from './commands/repo';
import { initCommand } from './commands/init';
import { reportCommand } from './commands/report';
import { boardCommand } from './commands/board';
import { completionCommand } from './commands/completion';

/*
 * The only WebAssembly grade runs is undici's HTTP parser (llhttp), compiled
 * when the first HTTP request connects. V8 compiles it twice, with Liftoff and
 * then again optimised by TurboFan in background threads, and the optimising
 * compile is what lifts a one-exercise run's peak memory by some 35 MB (106 →
 * 74 MB for web_server, measured). A run parses a handful of responses:
 * baseline code is plenty, so the optimising tier is not used.
 */
setV8Flags('--liftoff-only');

/*
 * A grading run is over in a fraction of a second, before optimised code
 * would pay for itself; what TurboFan compiles meanwhile (in background
 * threads) only lifts its peak memory, by some 4 MB of a one-exercise run's
 * 58. Long-lived commands (--watch, batch, board, repo, and test, which sets
 * up and grades every example of every exercise, minutes in CI) keep the
 * optimising compiler.
 */
export function shortLived(argv: readonly string[]): boolean {
  return !argv.some((a) => ['--watch', 'batch', 'board', 'repo', 'merge', 'report', 'test'].includes(a));
}

/*
 * Each command declares its own options in commands/; the work itself is in
 * the command's *-command module, loaded when that command runs, not before:
 * `grade --version` must not load SSH (batch), testcontainers (repo), or the
 * engine client, and `grade list` none of them.
 */

/** Runs the CLI and returns its exit status: 0 all passed, 1 something failed, 2 grading could not run. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (shortLived(argv)) setV8Flags('--no-opt');
  let status = 0;
  // Help is made before commander parses, so its language comes from argv itself.
  const helpLang = helpLanguage(argv, io.env);
  const ctx: CommandContext = {
    io,
    argv,
    helpLang,
    help: (id, data) => message(helpLang, id, data),
    exit: (code) => (status = code),
    commandNames: () => program.commands.map((c) => c.name()),
  };
  const program = gradeProgram(ctx);
  program.configureHelp({ formatItem: formatHelpItem, ...helpInLanguage(helpLang) });
  program.helpOption('-h, --help', ctx.help('help.helpOption'));
  program.helpCommand('help [command]', ctx.help('help.helpCommand'));
  // Help fits the terminal it is shown in; piped, commander's 80 columns.
  const helpWidth = (stream: CliIo['stdout']) => () => (stream.isTTY && (stream as { columns?: number }).columns) || 80;
  // Commander's usage errors are not written as they come: the catch below writes them as grade's one line.
  let usageError: { commandPath: string } | undefined;
  const output = (commandPath: string) => ({
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    getOutHelpWidth: helpWidth(io.stdout),
    getErrHelpWidth: helpWidth(io.stderr),
    outputError: () => {
      usageError = { commandPath };
    },
  });
  const commands = [
    listCommand,
    validateCommand,
    examplesCommand,
    newExerciseCommand,
    batchCommand,
    repoCommand,
    mergeCommand,
    initCommand,
    reportCommand,
    boardCommand,
  ];
  for (const declare of commands) program.addCommand(declare(ctx));
  program.addCommand(completionCommand(ctx, () => program));
  // Each command, and each below it, takes its parent's settings (help layout, exit override) and an output
  // of its own, so a usage error names the command it came from.
  const adopt = (parent: CommandUnknownOpts, child: CommandUnknownOpts, parentPath: string): void => {
    const commandPath = `${parentPath} ${child.name()}`;
    child.copyInheritedSettings(parent);
    child.configureOutput(output(commandPath));
    for (const sub of child.commands) adopt(child, sub, commandPath);
  };
  program.configureOutput(output('grade'));
  for (const cmd of program.commands) adopt(program, cmd, 'grade');
  // Which engine plain `grade` would grade, and why: resolved only when help is shown.
  program.addHelpText('after', () => {
    const lang = resolveLanguage(optionValue(argv, '--lang'), io.env);
    const { describeEngine } = require('../docker/connection') as typeof import('../docker/connection');
    return `\n${describeEngine(optionValue(argv, '--host', '-H'), io.env, lang)}\n`;
  });

  try {
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      const lang = resolveLanguage(undefined, io.env);
      const near = closestWord(argv[1], ctx.commandNames())?.word;
      throw new SetupError(
        message(lang, 'cli.unknownHelpTopic', { command: argv[1] }),
        near ? message(lang, 'cli.didYouMean', { suggestion: `grade help ${near}` }) : 'grade help',
      );
    }
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      if (e.exitCode !== 0 && usageError) io.stderr.write(`${usageErrorLine(e.code, e.message, usageError.commandPath, helpLang)}\n`);
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof SetupError) {
      io.stderr.write(`grade: ${terminalText(e.line(helpLang))}\n`);
      return 2;
    }
    throw e;
  }
}

/** Entry point of bin/grade.js. */
export function run(): void {
  // `grade --help | head`: a reader that stops early is no error of grade's.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Not an expected failure: this is a bug in grade, so the stack helps.
      process.stderr.write(`grade: internal error: ${terminalText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
      process.exitCode = 2;
    },
  );
}
