import { Command, Option } from '@commander-js/extra-typings';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, langOption } from '../shared-options';

/** `grade new EXERCISE_ID`: a spec to start from, that grade validate and grade test accept as written. */
export function newCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('new')
    .description(help('help.new'))
    .argument('<exercise-id>', help('help.new.id'))
    .addOption(new Option('--exercises <dir>', help('help.new.exercises')).default('exercises'))
    .addOption(langOption(help))
    .action((id, o) => {
      const { newCommand: scaffold } = require('../new-command') as typeof import('../new-command');
      ctx.exit(scaffold(id, fromCwd(ctx, o.exercises), resolveLanguage(o.lang, io.env), io));
    });
}
