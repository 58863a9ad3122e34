import { Command, Option } from '@commander-js/extra-typings';
import { historyLocation } from '../../history/location';
import { grader } from '../../package/package-info';
import { parseFormats } from '../../report/index';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, sharedOption, varValues } from '../shared-options';

/** `grade [exercise...]`: the root command, a student's run on their own engine. */
export function gradeProgram(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('grade')
    .description(help('help.grade'))
    .version(grader.version, '-V, --version', help('help.version'))
    .argument('[exercise...]', help('help.grade.exerciseIds'))
    .addOption(sharedOption.json(help))
    .addOption(sharedOption.out(help))
    .addOption(sharedOption.format(help))
    .addOption(new Option('--no-reports', help('help.grade.noReports')))
    .addOption(new Option('--history <file>', help('help.grade.history')))
    .addOption(new Option('--no-history', help('help.grade.noHistory')))
    .addOption(sharedOption.var(help, 'help.grade.var'))
    .addOption(sharedOption.host(help, 'help.grade.host'))
    .addOption(sharedOption.exercises(help))
    .addOption(sharedOption.concurrency(help))
    .addOption(sharedOption.timeout(help))
    .addOption(new Option('--student <id>', help('help.grade.student')))
    .addOption(new Option('--registry <url>', help('help.grade.registry')))
    .addOption(new Option('--config <file>', help('help.grade.config')))
    .addOption(new Option('--watch', help('help.grade.watch')))
    .addOption(sharedOption.lang(help))
    .enablePositionalOptions()
    .exitOverride()
    .action(async (ids, o) => {
      const formats = parseFormats(o.format);
      // Lowest first: grade init's answers, then GRADE_VAR_*, then --var.
      const { readUserConfig, userConfigLocation } = require('../../config/user-config') as typeof import('../../config/user-config');
      const configFile = userConfigLocation(o.config, io.env, io.cwd);
      const config = readUserConfig(configFile) ?? {};
      const student = { ...config.student, ...(o.student ? { id: o.student } : {}) };
      const { gradeCommand } = require('../grade-command') as typeof import('../grade-command');
      const { pushQueueDir } = require('../../board/push-queue') as typeof import('../../board/push-queue');
      ctx.exit(
        await gradeCommand(
          ids,
          {
            json: Boolean(o.json),
            out: fromCwd(ctx, o.out),
            reports: o.reports,
            formats,
            historyFile: o.history === false ? false : historyLocation({ option: o.history, env: io.env, cwd: io.cwd }),
            vars: varValues(ctx, o.var, { file: configFile, ...(config.vars ? { vars: config.vars } : {}) }),
            ...(o.host ? { host: o.host } : {}),
            exercisesDir: fromCwd(ctx, o.exercises),
            concurrency: o.concurrency,
            timeoutSeconds: o.timeout,
            ...(student.id || student.name ? { student } : {}),
            ...(o.registry ? { registryUrl: o.registry } : {}),
            ...(o.watch ? { watch: true } : {}),
            ...(config.board ? { board: { ...config.board, queueDir: pushQueueDir(io.env, io.cwd) } } : {}),
            lang: resolveLanguage(o.lang, io.env),
            commandNames: ctx.commandNames(),
          },
          io,
        ),
      );
    });
}
