import { Command, Option } from '@commander-js/extra-typings';
import { SetupError } from '../../errors/setup-error';
import { resolveLanguage } from '../../config/run-language';
import { terminalText } from '../../report/terminal-text';
import type { CommandContext } from '../command-context';
import { fromCwd, sharedOption } from '../shared-options';

/** `grade list`: the exercises and their checks, with points. */
export function listCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('list')
    .description(help('help.list'))
    .addOption(sharedOption.json(help, 'help.list.json'))
    .addOption(new Option('--kinds', help('help.list.kinds')))
    .addOption(sharedOption.exercises(help))
    .addOption(new Option('--config <file>', help('help.list.config')))
    .addOption(sharedOption.lang(help))
    .action((o) => {
      const lang = resolveLanguage(o.lang, io.env);
      const { readUserConfig, userConfigLocation } = require('../../config/user-config') as typeof import('../../config/user-config');
      const configFile = userConfigLocation(o.config, io.env, io.cwd);
      // list does not need the config: a damaged one is said, and the list shown without its variables.
      let config: ReturnType<typeof readUserConfig>;
      try {
        config = o.kinds ? undefined : readUserConfig(configFile);
      } catch (e) {
        if (!(e instanceof SetupError)) throw e;
        io.stderr.write(`grade: ${terminalText(e.line(lang))}\n`);
      }
      const { resolveVariables } = require('../../config/exercise-variables') as typeof import('../../config/exercise-variables');
      const { listCommand: list } = require('../list-command') as typeof import('../list-command');
      ctx.exit(
        list(
          {
            exercisesDir: fromCwd(ctx, o.exercises),
            ...(o.json ? { json: true } : {}),
            ...(o.kinds ? { kinds: true } : {}),
            variables: resolveVariables({ ...(config ? { config: { file: configFile, ...(config.vars ? { vars: config.vars } : {}) } } : {}), env: io.env }),
            lang,
          },
          io,
        ),
      );
    });
}
