import { Command, Option } from '@commander-js/extra-typings';
import { parseVarAssignments } from '../../exercise/variables';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { exercisesOption, fromCwd, hostOption, jsonOption, langOption, positiveInt, varOption } from '../shared-options';

/** `grade test [exercise...]`: each exercise's examples made on the engine, graded, compared (course maintainers). */
export function testCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('test')
    .description(help('help.test'))
    .argument('[exercise...]', help('help.test.exerciseIds'))
    .addOption(exercisesOption(help))
    .addOption(jsonOption(help))
    .addOption(hostOption(help, 'help.grade.host'))
    .addOption(new Option('--engine-may-hold-other-objects', help('help.test.engineMayHold')))
    .addOption(new Option('--example-timeout <seconds>', help('help.test.exampleTimeout')).default(180).argParser(positiveInt(help)))
    .addOption(varOption(help, 'help.grade.var'))
    .addOption(new Option('--registry <url>', help('help.test.registry')))
    .addOption(langOption(help))
    .action(async (ids, o) => {
      const { testCommand: test } = require('../test-command') as typeof import('../test-command');
      ctx.exit(
        await test(
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
