import path from 'node:path';
import { setFlagsFromString as setV8Flags } from 'node:v8';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { SetupError } from '../errors';
import { historyLocation } from '../history/location';
import { defaultExercisesDir, grader } from '../package-info';
import { defaultReportFormats, parseFormats, reportFormats } from '../report/index';
import { parseVarAssignments } from '../spec/variables';
import { terminalText } from '../report/terminal-text';
import { processIo, type CliIo } from './io';
import { DEFAULT_LISTEN } from '../board/board-address';
import { resolveLanguage } from '../messages/language';
import { varsFromEnv } from '../config/exercise-variables';
import { message } from '../messages/catalog';
import { closestWord } from '../words/closest-word';

/*
 * The only WebAssembly grade runs is undici's HTTP parser (llhttp), compiled
 * when the first HTTP request connects. V8 compiles it twice, with Liftoff and
 * then again optimised by TurboFan in background threads, and the optimising
 * compile is what lifts a one-exercise run's peak memory by some 35 MB (106 →
 * 74 MB for web_server, measured). A run parses a handful of responses:
 * baseline code is plenty, so the optimising tier is not used.
 */
setV8Flags('--liftoff-only');

const LANG_HELP = 'language of messages and reports: en or it (default: from LC_ALL, LC_MESSAGES or LANG, else en)';

/*
 * Each subcommand's module is loaded when that subcommand runs, not before:
 * `grade --version` must not load SSH (batch), testcontainers (repo), or the
 * engine client, and `grade list` none of them. The types still come from the
 * modules themselves.
 */
const gradeCommandModule = () => require('./grade-command') as typeof import('./grade-command');
const batchCommandModule = () => require('./batch-command') as typeof import('./batch-command');
const userConfigModule = () => require('../config/user-config') as typeof import('../config/user-config');
const boardCommandModule = () => require('./board-command') as typeof import('./board-command');

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * Commander lays an option out as "term  description", wrapping the description
 * in what is left of the line — and not at all when less than 40 columns are
 * left (grade's long option terms on an 80-column terminal). Then the
 * description goes under its term, wrapped at the terminal's width instead.
 */
function formatHelpItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  const indent = 6;
  if (!description || width - termWidth - 4 >= helper.minWidthToWrap || width - indent < helper.minWidthToWrap)
    return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
  const wrapped = helper.boxWrap(description, width - indent);
  return `  ${term}\n${wrapped.replace(/^/gm, ' '.repeat(indent))}`;
}

/** The value of an option in argv (`--lang it`, `--lang=it`), read before commander parses (for help). */
function optionValue(argv: readonly string[], ...names: string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((a, i) => {
    for (const n of names) {
      if (a === n) value = argv[i + 1];
      else if (a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
    }
  });
  return value;
}

/** Runs the CLI and returns its exit status: 0 all passed, 1 something failed, 2 grading could not run. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let status = 0;
  const dbOption = (db: string) => ((require('../board/open-store') as typeof import('../board/open-store')).isPostgresUrl(db) ? db : path.resolve(io.cwd, db));
  /** grade batch --board: the instructor secret from the environment or a file, never from the command line. */
  const batchBoard = (url: string, secretFile: string | undefined) => {
    if (!secretFile && !io.env.GRADE_BOARD_SECRET)
      throw new SetupError('--board needs the instructor secret', 'set $GRADE_BOARD_SECRET or give --board-secret-file');
    return {
      url,
      secret: (require('../board/board-auth') as typeof import('../board/board-auth')).instructorSecret(io.env, path.resolve(io.cwd, secretFile ?? ''), false)
        .secret,
    };
  };
  const program = new Command('grade');
  // Before the subcommands are made, so they inherit it.
  program.configureHelp({ formatItem: formatHelpItem });
  program
    .description('Grade the hands-on exercises of the Docker course on this Docker host.')
    .version(grader.version, '-V, --version')
    .argument('[exercise...]', 'exercise ids to grade (default: all); see `grade list`')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--format <list>', `report formats, comma-separated: ${reportFormats.join(', ')}`, defaultReportFormats.join(','))
    .option('--no-reports', 'write no report files')
    .option('--history <file>', 'attempt history to append this run to (default: $GRADE_HISTORY, else the per-user state folder)')
    .option('--no-history', 'do not read or append the attempt history')
    .option('--var <name=value>', 'a value an exercise needs, e.g. --var dockerhub_user=alice (repeatable)', collect, [])
    .option(
      '-H, --host <url>',
      'Docker engine to grade, like docker -H (default: $DOCKER_HOST, the Docker context, the rootless socket, else /var/run/docker.sock; help ends with the one it uses)',
    )
    .option('--exercises <dir>', 'folder of exercise specs', defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', 'checks run at once').default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--timeout <seconds>', 'time limit of one check').default(30).argParser(positiveInt('--timeout')))
    .option('--student <id>', 'student identifier written into the reports')
    .option('--registry <url>', 'registry API that stands for Docker Hub, e.g. a course registry (default https://registry-1.docker.io)')
    .option('--config <file>', 'per-user config written by grade init (default: $GRADE_CONFIG, else the per-user config folder)')
    .option('--watch', 'grade again after every change on the engine (containers, images, networks, volumes) until Ctrl-C')
    .option('--lang <code>', LANG_HELP)
    .enablePositionalOptions()
    .showHelpAfterError('(run grade --help for usage)')
    .exitOverride()
    .action(async (ids: string[], o: Record<string, unknown>) => {
      const formats = parseFormats(o.format as string);
      // Lowest first: grade init's answers, then GRADE_VAR_*, then --var.
      const { readUserConfig, userConfigLocation } = userConfigModule();
      const config = readUserConfig(userConfigLocation(o.config as string | undefined, io.env, io.cwd)) ?? {};
      const student = { ...config.student, ...(o.student ? { id: o.student as string } : {}) };
      status = await gradeCommandModule().gradeCommand(
        ids,
        {
          json: Boolean(o.json),
          out: path.resolve(io.cwd, o.out as string),
          reports: o.reports as boolean,
          formats,
          historyFile: o.history === false ? false : historyLocation({ option: o.history as string | undefined, env: io.env, cwd: io.cwd }),
          vars: { ...config.vars, ...varsFromEnv(io.env), ...parseVarAssignments(o.var as string[]) },
          ...(o.host ? { host: o.host as string } : {}),
          exercisesDir: path.resolve(io.cwd, o.exercises as string),
          concurrency: o.concurrency as number,
          timeoutSeconds: o.timeout as number,
          ...(student.id || student.name ? { student } : {}),
          ...(o.registry ? { registryUrl: o.registry as string } : {}),
          ...(o.watch ? { watch: true } : {}),
          ...(config.board
            ? { board: { ...config.board, queueDir: (require('../board/push-queue') as typeof import('../board/push-queue')).pushQueueDir(io.env, io.cwd) } }
            : {}),
          lang: resolveLanguage(o.lang as string | undefined, io.env),
          commandNames: program.commands.map((c) => c.name()),
        },
        io,
      );
    });

  program
    .command('list')
    .description('list exercises and their checks with points')
    .option('--json', 'as JSON on stdout')
    .option('--kinds', 'list the check kinds instead')
    .option('--exercises <dir>', 'folder of exercise specs', defaultExercisesDir)
    .option('--config <file>', 'per-user config whose variables are shown (default: $GRADE_CONFIG, else the per-user config folder)')
    .option('--lang <code>', LANG_HELP)
    .action((o: { json?: boolean; kinds?: boolean; exercises: string; config?: string; lang?: string }) => {
      const lang = resolveLanguage(o.lang, io.env);
      const { readUserConfig, userConfigLocation } = userConfigModule();
      const configFile = userConfigLocation(o.config, io.env, io.cwd);
      // list does not need the config: a damaged one is said, and the list shown without its variables.
      let config: ReturnType<typeof readUserConfig>;
      try {
        config = o.kinds ? undefined : readUserConfig(configFile);
      } catch (e) {
        if (!(e instanceof SetupError)) throw e;
        io.stderr.write(`grade: ${terminalText(e.line())}\n`);
      }
      status = (require('./list-command') as typeof import('./list-command')).listCommand(
        {
          exercisesDir: path.resolve(io.cwd, o.exercises),
          ...(o.json ? { json: true } : {}),
          ...(o.kinds ? { kinds: true } : {}),
          variables: (require('../config/exercise-variables') as typeof import('../config/exercise-variables')).resolveVariables({
            ...(config ? { config: { file: configFile, ...(config.vars ? { vars: config.vars } : {}) } } : {}),
            env: io.env,
          }),
          lang,
        },
        io,
      );
    });

  program
    .command('validate')
    .description('validate exercise specs; problems are printed as file:line:col: path: message')
    .argument('[file...]', 'spec files (default: every spec in --exercises)')
    .option('--exercises <dir>', 'folder of exercise specs', defaultExercisesDir)
    .action((files: string[], o: { exercises: string }) => {
      status = (require('./validate-command') as typeof import('./validate-command')).validateCommand(
        files.map((f) => path.resolve(io.cwd, f)),
        { exercisesDir: path.resolve(io.cwd, o.exercises) },
        io,
      );
    });

  program
    .command('batch')
    .description('grade every student VM of a hosts file over SSH; a report per student and a class report')
    .argument('<hosts-file>', 'YAML hosts file (see README: Grading a class)')
    .argument('[exercise...]', 'exercise ids to grade (default: all)')
    .option('--out <dir>', 'folder for the class report and a folder per student', 'reports/batch')
    .option('--format <list>', `per-student report formats, comma-separated: ${reportFormats.join(', ')}`, reportFormats.join(','))
    .option('--var <name=value>', "a variable for every host (a host's own vars win); repeatable", collect, [])
    .option('--exercises <dir>', 'folder of exercise specs', defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', 'hosts graded at once').default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--check-concurrency <n>', 'checks at once on one host').default(4).argParser(positiveInt('--check-concurrency')))
    .addOption(new Option('--timeout <seconds>', 'time limit of one check').default(30).argParser(positiveInt('--timeout')))
    .addOption(
      new Option('--connect-timeout <seconds>', 'time limit to connect to a host and reach its engine').default(10).argParser(positiveInt('--connect-timeout')),
    )
    .addOption(new Option('--host-timeout <seconds>', 'time limit of a whole host').default(300).argParser(positiveInt('--host-timeout')))
    .option('--resume', 'skip hosts already graded in --out')
    .option('--report-only', 'rebuild the class report from --out, grading nothing')
    .option('--shard <k/n>', 'grade only the K-th of N slices of the hosts file (then grade merge)')
    .option('--known-hosts <file>', 'OpenSSH known_hosts file checked for host keys (default ~/.ssh/known_hosts)')
    .option('--accept-new', 'record unknown host keys (trust on first use); a changed key is refused regardless')
    .option('--registry <url>', 'registry API that stands for Docker Hub')
    .option('--every <interval>', 'grade in rounds, one every INTERVAL (e.g. 2m, 90s) until Ctrl-C')
    .option('--board <url>', "send each graded host's result to a live board (instructor secret from $GRADE_BOARD_SECRET or --board-secret-file)")
    .option('--board-secret-file <file>', "file holding the board's instructor secret (the one grade board made beside the class file)")
    .option('--lang <code>', LANG_HELP)
    .action(async (hostsFile: string, ids: string[], o: Record<string, unknown>) => {
      const { batchCommand, parseShard, parseInterval } = batchCommandModule();
      // Before the options that may be refused: their errors are in the run's language.
      const lang = resolveLanguage(o.lang as string | undefined, io.env);
      status = await batchCommand(
        path.resolve(io.cwd, hostsFile),
        ids,
        {
          out: path.resolve(io.cwd, o.out as string),
          formats: parseFormats(o.format as string),
          vars: { ...varsFromEnv(io.env), ...parseVarAssignments(o.var as string[]) },
          exercisesDir: path.resolve(io.cwd, o.exercises as string),
          concurrency: o.concurrency as number,
          checkConcurrency: o.checkConcurrency as number,
          timeoutSeconds: o.timeout as number,
          connectTimeoutSeconds: o.connectTimeout as number,
          hostTimeoutSeconds: o.hostTimeout as number,
          resume: Boolean(o.resume),
          reportOnly: Boolean(o.reportOnly),
          ...(o.shard ? { shard: parseShard(o.shard as string, lang) } : {}),
          ...(o.knownHosts ? { knownHosts: path.resolve(io.cwd, o.knownHosts as string) } : {}),
          acceptNew: Boolean(o.acceptNew),
          ...(o.registry ? { registryUrl: o.registry as string } : {}),
          ...(o.every ? { everyMs: parseInterval(o.every as string, lang) } : {}),
          ...(o.board ? { board: batchBoard(o.board as string, o.boardSecretFile as string | undefined) } : {}),
          lang,
        },
        io,
      );
    });

  program
    .command('repo')
    .description('build, run and bring up what a student repository holds (Dockerfile, compose file), grade it, remove it; for CI')
    .argument('[dir]', 'the repository checkout', '.')
    .argument('[exercise...]', 'exercise ids (default: those whose files the repository has)')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--format <list>', `report formats, comma-separated: ${reportFormats.join(', ')}`, 'html,json,junit')
    .addOption(
      new Option('--pass-mark <percent>', 'exit 0 at or above this share of the points, 1 below').default(100).argParser((v) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('--pass-mark must be a percentage from 0 to 100');
        return n;
      }),
    )
    .option('--var <name=value>', 'a value an exercise needs (repeatable)', collect, [])
    .option(
      '-H, --host <url>',
      'Docker engine to build and run on (default: as for grade: $DOCKER_HOST, the Docker context, the rootless socket, else /var/run/docker.sock)',
    )
    .option('--exercises <dir>', 'folder of exercise specs', defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', 'checks run at once').default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--timeout <seconds>', 'time limit of one check').default(30).argParser(positiveInt('--timeout')))
    .addOption(
      new Option('--step-timeout <seconds>', 'time limit of each repository step: docker build, compose up, compose down')
        .default(600)
        .argParser(positiveInt('--step-timeout')),
    )
    .option('--student <id>', 'student identifier written into the reports (in GitLab CI: "$GITLAB_USER_LOGIN")')
    .option('--lang <code>', LANG_HELP)
    .action(async (dir: string, ids: string[], o: Record<string, unknown>) => {
      status = await (require('./repo-command') as typeof import('./repo-command')).repoCommand(
        path.resolve(io.cwd, dir),
        ids,
        {
          json: Boolean(o.json),
          out: path.resolve(io.cwd, o.out as string),
          formats: parseFormats(o.format as string),
          vars: { ...varsFromEnv(io.env), ...parseVarAssignments(o.var as string[]) },
          ...(o.host ? { host: o.host as string } : {}),
          exercisesDir: path.resolve(io.cwd, o.exercises as string),
          concurrency: o.concurrency as number,
          timeoutSeconds: o.timeout as number,
          stepTimeoutSeconds: o.stepTimeout as number,
          passMark: o.passMark as number,
          ...(o.student ? { student: { id: o.student as string } } : {}),
          lang: resolveLanguage(o.lang as string | undefined, io.env),
        },
        io,
      );
    });

  program
    .command('merge')
    .description('one class report from the output folders of several grade batch --shard runs')
    .argument('<out>', 'folder for the merged class report')
    .argument('<shard...>', "the shards' --out folders")
    .option('--hosts <file>', 'the hosts file, to list students in its order (and those no shard graded)')
    .option('--lang <code>', LANG_HELP)
    .action((out: string, shards: string[], o: { hosts?: string; lang?: string }) => {
      status = batchCommandModule().mergeCommand(
        path.resolve(io.cwd, out),
        shards.map((s) => path.resolve(io.cwd, s)),
        o.hosts ? path.resolve(io.cwd, o.hosts) : undefined,
        io,
        resolveLanguage(o.lang, io.env),
      );
    });

  program
    .command('init')
    .description('say who you are and your Docker Hub user, once; grade reads it (asks in a terminal, otherwise takes the options)')
    .option('--student-id <id>', 'your student id')
    .option('--name <name>', 'your name, as reports show it')
    .option('--dockerhub-user <user>', 'your Docker Hub user name (lowercase)')
    .option('--config <file>', 'where to write (default: $GRADE_CONFIG, else the per-user config folder)')
    .option('--board <url>', 'join the live lab board at this address (with --join); every grade run then sends its result there')
    .option('--join <code>', 'the join code the instructor gave for the board')
    .option('--lang <code>', LANG_HELP)
    .action(async (o: { studentId?: string; name?: string; dockerhubUser?: string; config?: string; board?: string; join?: string; lang?: string }) => {
      status = await (require('./init-command') as typeof import('./init-command')).initCommand(
        {
          configFile: userConfigModule().userConfigLocation(o.config, io.env, io.cwd),
          ...(o.studentId !== undefined ? { studentId: o.studentId } : {}),
          ...(o.name !== undefined ? { name: o.name } : {}),
          ...(o.dockerhubUser !== undefined ? { dockerhubUser: o.dockerhubUser } : {}),
          ...(o.board !== undefined ? { board: o.board } : {}),
          ...(o.join !== undefined ? { joinCode: o.join } : {}),
          lang: resolveLanguage(o.lang, io.env),
        },
        io,
      );
    });

  program
    .command('report')
    .description('write the reports again from the attempt history (latest result per exercise, best earlier); no engine needed')
    .argument('[exercise...]', 'exercise ids to report (default: every exercise in the history)')
    .option('--history <file>', 'attempt history to read (default: $GRADE_HISTORY, else the per-user state folder)')
    .option('--format <list>', `report formats, comma-separated: ${reportFormats.join(', ')}`, defaultReportFormats.join(','))
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--lang <code>', LANG_HELP)
    .action((ids: string[], o: { history?: string; format: string; out: string; lang?: string }) => {
      status = (require('./report-command') as typeof import('./report-command')).reportCommand(
        ids,
        {
          historyFile: historyLocation({ option: o.history, env: io.env, cwd: io.cwd }),
          out: path.resolve(io.cwd, o.out),
          formats: parseFormats(o.format),
          lang: resolveLanguage(o.lang, io.env),
        },
        io,
      );
    });

  const board = program
    .command('board')
    .description("serve the live lab board: the class grid, updated as results arrive from grade batch --board and students' own runs")
    // Not requiredOption: commander would demand it of `grade board revoke` too, before revoke's own --class is read.
    .option('--class <file>', 'class file: the hosts file of grade batch, students: for those without a host (see README: Live lab board)')
    .option('--listen <host:port>', 'address to serve on', DEFAULT_LISTEN)
    .option('--db <file|url>', 'SQLite file, or postgres://… for several board instances (default: CLASS.board.sqlite beside the class file)')
    .addOption(
      new Option('--stuck-minutes <n>', 'mark a student stuck when their exercise has not improved for this long')
        .default(10)
        .argParser(positiveInt('--stuck-minutes')),
    )
    .option('--secret-file <file>', 'instructor secret file, made when missing (default: CLASS.board-secret beside the class file; $GRADE_BOARD_SECRET wins)')
    .option('--exercises <dir>', "folder of exercise specs (the board's columns)", defaultExercisesDir)
    .action(async (o: { class?: string; listen: string; db?: string; stuckMinutes: number; secretFile?: string; exercises: string }) => {
      if (!o.class) throw new SetupError('grade board needs --class <file>', 'give the class file (see README: Live lab board)');
      status = await boardCommandModule().boardCommand(
        {
          classFile: path.resolve(io.cwd, o.class),
          listen: o.listen,
          ...(o.db ? { db: dbOption(o.db) } : {}),
          ...(o.secretFile ? { secretFile: path.resolve(io.cwd, o.secretFile) } : {}),
          stuckMinutes: o.stuckMinutes,
          exercisesDir: path.resolve(io.cwd, o.exercises),
        },
        io,
      );
    });
  board
    .command('revoke')
    .description("revoke students' board tokens: their pushes are refused from now on (they join again to get a new one)")
    .argument('<student...>', 'student ids from the class file')
    .requiredOption('--class <file>', 'the class file')
    .option('--db <file|url>', 'the board database (default: CLASS.board.sqlite beside the class file)')
    .action(async (students: string[], o: { class: string; db?: string }) => {
      status = await boardCommandModule().revokeCommand(students, { classFile: path.resolve(io.cwd, o.class), ...(o.db ? { db: dbOption(o.db) } : {}) }, io);
    });
  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (commands, options, exercise ids); see README: Shell completion')
    .argument('<shell>', 'bash, zsh or fish')
    .option('--exercises <dir>', 'folder of exercise specs whose ids are completed', defaultExercisesDir)
    .action((shell: string, o: { exercises: string }) => {
      status = (require('./completion-command') as typeof import('./completion-command')).completionCommand(
        shell,
        program,
        path.resolve(io.cwd, o.exercises),
        io,
        resolveLanguage(undefined, io.env),
      );
    });
  program.helpCommand('help [command]', 'show help for grade or one of its commands');
  // Help fits the terminal it is shown in; piped, commander's 80 columns.
  const helpWidth = (stream: CliIo['stdout']) => () => (stream.isTTY && (stream as { columns?: number }).columns) || 80;
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    getOutHelpWidth: helpWidth(io.stdout),
    getErrHelpWidth: helpWidth(io.stderr),
  };
  program.configureOutput(output);
  for (const cmd of [...program.commands, board.commands[0]!]) cmd.exitOverride().configureOutput(output);
  // Which engine plain `grade` would grade, and why: resolved only when help is shown.
  program.addHelpText('after', () => {
    const lang = resolveLanguage(optionValue(argv, '--lang'), io.env);
    return `\n${(require('../docker/connection') as typeof import('../docker/connection')).describeEngine(optionValue(argv, '--host', '-H'), io.env, lang)}\n`;
  });

  try {
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      const lang = resolveLanguage(undefined, io.env);
      const near = closestWord(
        argv[1],
        program.commands.map((c) => c.name()),
      )?.word;
      throw new SetupError(
        message(lang, 'cli.unknownHelpTopic', { command: argv[1] }),
        near ? message(lang, 'cli.didYouMean', { suggestion: `grade help ${near}` }) : 'grade help',
      );
    }
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof SetupError) {
      io.stderr.write(`grade: ${terminalText(e.line())}\n`);
      return 2;
    }
    throw e;
  }
}

/** Entry point of bin/grade.js. */
export function run(): void {
  // `grade --help | head`: a reader that stops early is no error of grade's.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Not an expected failure: this is a bug in grade, so the stack helps.
      process.stderr.write(`grade: internal error: ${terminalText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
      process.exitCode = 2;
    },
  );
}
