import { Command } from '@commander-js/extra-typings';
import type { CommandContext } from '../command-context';
import { fromCwd, sharedOption } from '../shared-options';

/** `grade validate [file...]`: exercise specs checked against their schema, with file:line:path errors. */
export function validateCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('validate')
    .description(help('help.validate'))
    .argument('[file...]', help('help.validate.files'))
    .addOption(sharedOption.exercises(help))
    .action((files, o) => {
      const { validateCommand: validate } = require('../validate-command') as typeof import('../validate-command');
      ctx.exit(
        validate(
          files.map((f) => fromCwd(ctx, f)),
          { exercisesDir: fromCwd(ctx, o.exercises) },
          io,
        ),
      );
    });
}
