import { Command, Option } from '@commander-js/extra-typings';
import { SetupError } from '../../errors/setup-error';
import { DEFAULT_LISTEN } from '../../board/board-address';
import { message } from '../../messages/catalog';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { dbOption, exercisesOption, fromCwd, langOption, positiveInt } from '../shared-options';

const boardCommandModule = () => require('../board-command') as typeof import('../board-command');

/** A PostgreSQL URL as given; a SQLite file relative to where grade was started. */
function storeLocation(ctx: CommandContext, db: string): string {
  const { isPostgresUrl } = require('../../board/open-store') as typeof import('../../board/open-store');
  return isPostgresUrl(db) ? db : fromCwd(ctx, db);
}

/** `grade board revoke <student...>`: ends the tokens of students who joined. */
function revokeCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('revoke')
    .description(help('help.revoke'))
    .argument('<student...>', help('help.revoke.students'))
    .addOption(new Option('--class <file>', help('help.revoke.class')).makeOptionMandatory())
    .addOption(dbOption(help, 'help.revoke.db'))
    .addOption(langOption(help))
    .action(async (students, o) => {
      ctx.exit(
        await boardCommandModule().revokeCommand(
          students,
          { classFile: fromCwd(ctx, o.class), ...(o.db ? { db: storeLocation(ctx, o.db) } : {}), lang: resolveLanguage(o.lang, io.env) },
          io,
        ),
      );
    });
}

/** `grade board`: the live lab board an instructor runs during the lab. */
export function boardCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return (
    new Command('board')
      .description(help('help.board'))
      // Not mandatory: commander would demand it of `grade board revoke` too, before revoke's own --class is read.
      .addOption(new Option('--class <file>', help('help.board.class')))
      .addOption(new Option('--listen <host:port>', help('help.board.listen')).default(DEFAULT_LISTEN))
      .addOption(dbOption(help, 'help.board.db'))
      .addOption(new Option('--stuck-minutes <n>', help('help.board.stuckMinutes')).default(10).argParser(positiveInt(help)))
      .addOption(new Option('--secret-file <file>', help('help.board.secretFile')))
      .addOption(exercisesOption(help, 'help.board.exercises'))
      .addOption(langOption(help))
      .action(async (o) => {
        const lang = resolveLanguage(o.lang, io.env);
        if (!o.class) throw new SetupError(message(lang, 'board.needsClass'), message(lang, 'board.needsClassAdvice'));
        ctx.exit(
          await boardCommandModule().boardCommand(
            {
              classFile: fromCwd(ctx, o.class),
              listen: o.listen,
              ...(o.db ? { db: storeLocation(ctx, o.db) } : {}),
              ...(o.secretFile ? { secretFile: fromCwd(ctx, o.secretFile) } : {}),
              stuckMinutes: o.stuckMinutes,
              exercisesDir: fromCwd(ctx, o.exercises),
              lang,
            },
            io,
          ),
        );
      })
      .addCommand(revokeCommand(ctx))
  );
}
