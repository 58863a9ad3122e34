import { Command, Option } from '@commander-js/extra-typings';
import { SetupError } from '../../errors/setup-error';
import { DEFAULT_LISTEN } from '../../board/board-address';
import { message, type MessageId } from '../../messages/catalog';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, positiveInt, sharedOption } from '../shared-options';

const boardCommandModule = () => require('../board-command') as typeof import('../board-command');

/** A PostgreSQL URL as given; a SQLite file relative to where grade was started. */
function storeLocation(ctx: CommandContext, db: string): string {
  const { isPostgresUrl } = require('../../board/open-store') as typeof import('../../board/open-store');
  return isPostgresUrl(db) ? db : fromCwd(ctx, db);
}

/** A `grade board` subcommand that works on the board's store: --class, --db and --lang, read as the board reads them. */
function storeCommand(ctx: CommandContext, name: string, description: MessageId) {
  const { help } = ctx;
  return new Command(name)
    .description(help(description))
    .addOption(new Option('--class <file>', help('help.revoke.class')).makeOptionMandatory())
    .addOption(sharedOption.db(help, 'help.revoke.db'))
    .addOption(sharedOption.lang(help));
}

function storeOptions(ctx: CommandContext, o: { class: string; db?: string; lang?: string }) {
  return { classFile: fromCwd(ctx, o.class), ...(o.db ? { db: storeLocation(ctx, o.db) } : {}), lang: resolveLanguage(o.lang, ctx.io.env) };
}

/** `grade board revoke <student...>`: ends the tokens of students who joined (and, asked, what they sent). */
const revokeCommand = (ctx: CommandContext) =>
  storeCommand(ctx, 'revoke', 'help.revoke')
    .argument('<student...>', ctx.help('help.revoke.students'))
    .addOption(new Option('--drop-results', ctx.help('help.revoke.dropResults')))
    .action(async (students, o) => {
      ctx.exit(await boardCommandModule().revokeCommand(students, { ...storeOptions(ctx, o), ...(o.dropResults ? { dropResults: true } : {}) }, ctx.io));
    });

/** `grade board rotate-code`: a new join code; tokens already issued keep working until revoked. */
const rotateCodeCommand = (ctx: CommandContext) =>
  storeCommand(ctx, 'rotate-code', 'help.rotateCode').action(async (o) => {
    ctx.exit(await boardCommandModule().rotateCodeCommand(storeOptions(ctx, o), ctx.io));
  });

/** `grade board prune --older-than AGE`: stored results received before then go; what the board shows stays. */
const pruneCommand = (ctx: CommandContext) =>
  storeCommand(ctx, 'prune', 'help.prune')
    .addOption(new Option('--older-than <age>', ctx.help('help.prune.olderThan')).makeOptionMandatory())
    .action(async (o) => {
      ctx.exit(await boardCommandModule().pruneCommand(o.olderThan, storeOptions(ctx, o), ctx.io));
    });

/** `grade board`: the live lab board an instructor runs during the lab. */
export function boardCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return (
    new Command('board')
      .description(help('help.board'))
      // Not mandatory: commander would demand it of `grade board revoke` too, before revoke's own --class is read.
      .addOption(new Option('--class <file>', help('help.board.class')))
      .addOption(new Option('--listen <host:port>', help('help.board.listen')).default(DEFAULT_LISTEN))
      .addOption(sharedOption.db(help, 'help.board.db'))
      .addOption(new Option('--stuck-minutes <n>', help('help.board.stuckMinutes')).default(10).argParser(positiveInt(help)))
      .addOption(new Option('--secret-file <file>', help('help.board.secretFile')))
      .addOption(sharedOption.exercises(help, 'help.board.exercises'))
      .addOption(new Option('--trust-proxy <addresses>', help('help.board.trustProxy')))
      .addOption(sharedOption.lang(help))
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
              ...(o.trustProxy
                ? {
                    trustProxy: o.trustProxy
                      .split(',')
                      .map((a) => a.trim())
                      .filter(Boolean),
                  }
                : {}),
            },
            io,
          ),
        );
      })
      .addCommand(revokeCommand(ctx))
      .addCommand(rotateCodeCommand(ctx))
      .addCommand(pruneCommand(ctx))
  );
}
