import { Command, Option } from '@commander-js/extra-typings';
import { parseVarAssignments } from '../../exercise/variables';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, positiveInt, sharedOption } from '../shared-options';

/** `grade test [exercise...]`: a course maintainer proves exercises against their examples, on a clean engine. */
export function examplesCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('test')
    .description(help('help.test'))
    .argument('[exercise...]', help('help.test.exerciseIds'))
    .addOption(sharedOption.exercises(help))
    .addOption(sharedOption.json(help))
    .addOption(sharedOption.host(help, 'help.grade.host'))
    .addOption(new Option('--engine-may-hold-other-objects', help('help.test.engineMayHold')))
    .addOption(new Option('--example-timeout <seconds>', help('help.test.exampleTimeout')).default(180).argParser(positiveInt(help)))
    .addOption(sharedOption.var(help, 'help.grade.var'))
    .addOption(new Option('--registry <url>', help('help.test.registry')))
    .addOption(sharedOption.lang(help))
    .action(async (ids, o) => {
      const { testCommand } = require('../test-command') as typeof import('../test-command');
      ctx.exit(
        await testCommand(
          ids,
          {
            exercisesDir: fromCwd(ctx, o.exercises),
            json: Boolean(o.json),
            ...(o.host ? { host: o.host } : {}),
            engineMayHoldOtherObjects: Boolean(o.engineMayHoldOtherObjects),
            timeoutSeconds: o.exampleTimeout,
            vars: parseVarAssignments(o.var ?? []),
            ...(o.registry ? { registryUrl: o.registry } : {}),
            lang: resolveLanguage(o.lang, io.env),
          },
          io,
        ),
      );
    });
}

/** `grade new <exercise-id>`: a spec to start from, with both languages, one check and two examples. */
export function newExerciseCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('new')
    .description(help('help.new'))
    .argument('<exercise-id>', help('help.new.id'))
    .addOption(new Option('--exercises <dir>', help('help.new.exercises')).default('exercises'))
    .addOption(sharedOption.lang(help))
    .action((id, o) => {
      const { newCommand } = require('../new-command') as typeof import('../new-command');
      ctx.exit(newCommand(id, fromCwd(ctx, o.exercises), resolveLanguage(o.lang, io.env), io));
    });
}
