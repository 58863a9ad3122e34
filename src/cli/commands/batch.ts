import { Command, Option } from '@commander-js/extra-typings';
import { SetupError } from '../../errors/setup-error';
import { reportFormats, parseFormats } from '../../report/index';
import { resolveLanguage } from '../../config/run-language';
import { phrase } from '../../messages/phrase';
import type { CommandContext } from '../command-context';
import { fromCwd, positiveInt, sharedOption, varValues } from '../shared-options';

/** `grade batch <hosts-file>`: an instructor grades a class over SSH. */
export function batchCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  /** --board: the instructor secret from the environment or a file, never from the command line. */
  const batchBoard = (url: string, secretFile: string | undefined) => {
    if (!secretFile && !io.env.GRADE_BOARD_SECRET) throw new SetupError(phrase('error.boardNeedsSecret'), phrase('error.boardNeedsSecretAdvice'));
    const { instructorSecret } = require('../../board/board-auth') as typeof import('../../board/board-auth');
    return { url, secret: instructorSecret(io.env, fromCwd(ctx, secretFile ?? ''), false).secret };
  };
  return new Command('batch')
    .description(help('help.batch'))
    .argument('<hosts-file>', help('help.batch.hostsFile'))
    .argument('[exercise...]', help('help.batch.exerciseIds'))
    .addOption(sharedOption.out(help, 'help.batch.out', 'reports/batch'))
    .addOption(sharedOption.format(help, 'help.batch.format', reportFormats.join(',')))
    .addOption(sharedOption.var(help, 'help.batch.var'))
    .addOption(sharedOption.exercises(help))
    .addOption(sharedOption.concurrency(help, 'help.batch.concurrency'))
    .addOption(new Option('--check-concurrency <n>', help('help.batch.checkConcurrency')).default(4).argParser(positiveInt(help)))
    .addOption(sharedOption.timeout(help))
    .addOption(new Option('--connect-timeout <seconds>', help('help.batch.connectTimeout')).default(10).argParser(positiveInt(help)))
    .addOption(new Option('--host-timeout <seconds>', help('help.batch.hostTimeout')).default(300).argParser(positiveInt(help)))
    .addOption(new Option('--resume', help('help.batch.resume')))
    .addOption(new Option('--report-only', help('help.batch.reportOnly')))
    .addOption(new Option('--shard <k/n>', help('help.batch.shard')))
    .addOption(new Option('--known-hosts <file>', help('help.batch.knownHosts')))
    .addOption(new Option('--accept-new', help('help.batch.acceptNew')))
    .addOption(new Option('--registry <url>', help('help.batch.registry')))
    .addOption(new Option('--every <interval>', help('help.batch.every')))
    .addOption(new Option('--board <url>', help('help.batch.board')))
    .addOption(new Option('--board-secret-file <file>', help('help.batch.boardSecretFile')))
    .addOption(sharedOption.lang(help))
    .action(async (hostsFile, ids, o) => {
      const { batchCommand: batch, parseShard, parseInterval } = require('../batch-command') as typeof import('../batch-command');
      // Before the options that may be refused: their errors are in the run's language.
      const lang = resolveLanguage(o.lang, io.env);
      ctx.exit(
        await batch(
          fromCwd(ctx, hostsFile),
          ids,
          {
            out: fromCwd(ctx, o.out),
            formats: parseFormats(o.format),
            vars: varValues(ctx, o.var),
            exercisesDir: fromCwd(ctx, o.exercises),
            concurrency: o.concurrency,
            checkConcurrency: o.checkConcurrency,
            timeoutSeconds: o.timeout,
            connectTimeoutSeconds: o.connectTimeout,
            hostTimeoutSeconds: o.hostTimeout,
            resume: Boolean(o.resume),
            reportOnly: Boolean(o.reportOnly),
            ...(o.shard ? { shard: parseShard(o.shard, lang) } : {}),
            ...(o.knownHosts ? { knownHosts: fromCwd(ctx, o.knownHosts) } : {}),
            acceptNew: Boolean(o.acceptNew),
            ...(o.registry ? { registryUrl: o.registry } : {}),
            ...(o.every ? { everyMs: parseInterval(o.every, lang) } : {}),
            ...(o.board ? { board: batchBoard(o.board, o.boardSecretFile) } : {}),
            lang,
          },
          io,
        ),
      );
    });
}

/** `grade merge <out> <shard...>`: the class report of sharded batch runs. */
export function mergeCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('merge')
    .description(help('help.merge'))
    .argument('<out>', help('help.merge.out'))
    .argument('<shard...>', help('help.merge.shards'))
    .addOption(new Option('--hosts <file>', help('help.merge.hosts')))
    .addOption(sharedOption.lang(help))
    .action((out, shards, o) => {
      const { mergeCommand: merge } = require('../batch-command') as typeof import('../batch-command');
      ctx.exit(
        merge(
          fromCwd(ctx, out),
          shards.map((s) => fromCwd(ctx, s)),
          o.hosts ? fromCwd(ctx, o.hosts) : undefined,
          io,
          resolveLanguage(o.lang, io.env),
        ),
      );
    });
}
