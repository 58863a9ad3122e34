import { Command, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { defaultExercisesDir } from '../../package/package-info';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd } from '../shared-options';

/** `grade completion <shell>`: a completion script read from the command tree it is given. */
export function completionCommand(ctx: CommandContext, program: () => CommandUnknownOpts) {
  const { help, io } = ctx;
  return new Command('completion')
    .description(help('help.completion'))
    .argument('<shell>', help('help.completion.shell'))
    .addOption(new Option('--exercises <dir>', help('help.completion.exercises')).default(defaultExercisesDir))
    .action((shell, o) => {
      const { completionCommand: completion } = require('../completion-command') as typeof import('../completion-command');
      ctx.exit(completion(shell, program(), fromCwd(ctx, o.exercises), io, resolveLanguage(undefined, io.env)));
    });
}
