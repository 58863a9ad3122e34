import { Command, Option } from '@commander-js/extra-typings';
import { resolveLanguage } from '../../config/run-language';
import type { CommandContext } from '../command-context';
import { sharedOption } from '../shared-options';

/** `grade init`: a student's answers (id, name, Docker Hub user, board) kept for later runs. */
export function initCommand(ctx: CommandContext) {
  const { help, io } = ctx;
  return new Command('init')
    .description(help('help.init'))
    .addOption(new Option('--student-id <id>', help('help.init.studentId')))
    .addOption(new Option('--name <name>', help('help.init.name')))
    .addOption(new Option('--dockerhub-user <user>', help('help.init.dockerhubUser')))
    .addOption(new Option('--config <file>', help('help.init.config')))
    .addOption(new Option('--board <url>', help('help.init.board')))
    .addOption(new Option('--join <code>', help('help.init.join')))
    .addOption(sharedOption.lang(help))
    .action(async (o) => {
      const { userConfigLocation } = require('../../config/user-config') as typeof import('../../config/user-config');
      const { initCommand: init } = require('../init-command') as typeof import('../init-command');
      ctx.exit(
        await init(
          {
            configFile: userConfigLocation(o.config, io.env, io.cwd),
            ...(o.studentId !== undefined ? { studentId: o.studentId } : {}),
            ...(o.name !== undefined ? { name: o.name } : {}),
            ...(o.dockerhubUser !== undefined ? { dockerhubUser: o.dockerhubUser } : {}),
            ...(o.board !== undefined ? { board: o.board } : {}),
            ...(o.join !== undefined ? { joinCode: o.join } : {}),
            lang: resolveLanguage(o.lang, io.env),
          },
          io,
        ),
      );
    });
}
