import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { parseFormats } from '../../report/index';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, positiveInt, sharedOption, varValues } from '../shared-options';

function percent(help: CommandContext['help']) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError(help('cli.percentage'));
    return n;
  };
}

/** `grade repo [dir]`: CI grades what a student's repository holds. */
export function repoCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('repo')
    .description(help('help.repo'))
    .argument('[dir]', help('help.repo.dir'), '.')
    .argument('[exercise...]', help('help.repo.exerciseIds'))
    .addOption(sharedOption.json(help))
    .addOption(sharedOption.out(help))
    .addOption(sharedOption.format(help, 'help.format', 'html,json,junit'))
    .addOption(new Option('--pass-mark <percent>', help('help.repo.passMark')).default(100).argParser(percent(help)))
    .addOption(sharedOption.var(help, 'help.repo.var'))
    .addOption(sharedOption.host(help, 'help.repo.host'))
    .addOption(sharedOption.exercises(help))
    .addOption(sharedOption.concurrency(help))
    .addOption(sharedOption.timeout(help))
    .addOption(new Option('--step-timeout <seconds>', help('help.repo.stepTimeout')).default(600).argParser(positiveInt(help)))
    .addOption(new Option('--student <id>', help('help.repo.student')))
    .addOption(sharedOption.lang(help))
    .action(async (dir, ids, o) => {
      const { repoCommand: repo } = require('../repo-command') as typeof import('../repo-command');
      ctx.exit(
        await repo(
          fromCwd(ctx, dir),
          ids,
          {
            json: Boolean(o.json),
            out: fromCwd(ctx, o.out),
            formats: parseFormats(o.format),
            vars: varValues(ctx, o.var),
            ...(o.host ? { host: o.host } : {}),
            exercisesDir: fromCwd(ctx, o.exercises),
            concurrency: o.concurrency,
            timeoutSeconds: o.timeout,
            stepTimeoutSeconds: o.stepTimeout,
            passMark: o.passMark,
            ...(o.student ? { student: { id: o.student } } : {}),
            lang: resolveLanguage(o.lang, io.env),
          },
          io,
        ),
      );
    });
}
