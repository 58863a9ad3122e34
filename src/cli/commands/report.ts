import { Command, Option } from '@commander-js/extra-typings';
import { historyLocation } from '../../history/location';
import { parseFormats } from '../../report/index';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { fromCwd, sharedOption } from '../shared-options';

/** `grade report [exercise...]`: reports written again from the attempt history, without grading. */
export function reportCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('report')
    .description(help('help.report'))
    .argument('[exercise...]', help('help.report.exerciseIds'))
    .addOption(new Option('--history <file>', help('help.report.history')))
    .addOption(sharedOption.format(help))
    .addOption(sharedOption.out(help))
    .addOption(sharedOption.lang(help))
    .action((ids, o) => {
      const { reportCommand: report } = require('../report-command') as typeof import('../report-command');
      ctx.exit(
        report(
          ids,
          {
            historyFile: historyLocation({ option: o.history, env: io.env, cwd: io.cwd }),
            out: fromCwd(ctx, o.out),
            formats: parseFormats(o.format),
            // Without --lang, the language the results were graded in frames them; the locale only when they do not say.
            ...(o.lang !== undefined ? { lang: resolveLanguage(o.lang, io.env) } : {}),
            localeLang: resolveLanguage(undefined, io.env),
          },
          io,
        ),
      );
    });
}
