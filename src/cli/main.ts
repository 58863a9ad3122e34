import path from 'node:path';
import { setFlagsFromString as setV8Flags } from 'node:v8';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { SetupError } from '../errors';
import { historyLocation } from '../history/location';
import { defaultExercisesDir, grader } from '../package-info';
import { defaultReportFormats, parseFormats, reportFormats } from '../report/index';
import { parseVarAssignments } from '../exercise/variables';
import { terminalText } from '../report/terminal-text';
import { processIo, type CliIo } from './io';
import { DEFAULT_LISTEN } from '../board/board-address';
import { resolveLanguage } from '../messages/language';
import { varsFromEnv } from '../config/exercise-variables';
import { message, type Lang, type MessageId } from '../messages/catalog';
import { phrase, type MessageData } from '../messages/phrase';
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

/*
 * A grading run is over in a fraction of a second, before optimised code
 * would pay for itself; what TurboFan compiles meanwhile (in background
 * threads) only lifts its peak memory, by some 4 MB of a one-exercise run's
 * 58. Long-lived commands (--watch, batch, board, repo) keep the optimising
 * compiler.
 */
function shortLived(argv: readonly string[]): boolean {
  return !argv.some((a) => ['--watch', 'batch', 'board', 'repo', 'merge', 'report'].includes(a));
}

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

/**
 * The language help and setup errors are shown in: --lang, else the locale. A --lang grade does not
 * know is no reason to fail here; the command that reads --lang says so.
 */
function helpLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  try {
    return resolveLanguage(optionValue(argv, '--lang'), env);
  } catch (e) {
    if (e instanceof SetupError) return resolveLanguage(undefined, env);
    throw e;
  }
}

/**
 * What commander writes itself — section titles and "(default: …)" — in the
 * help's language. English is left to commander, so its help is unchanged.
 */
function helpInLanguage(lang: Lang): Partial<Help> {
  if (lang === 'en') return {};
  const titles: Record<string, MessageId> = {
    'Usage:': 'help.titleUsage',
    'Options:': 'help.titleOptions',
    'Commands:': 'help.titleCommands',
    'Arguments:': 'help.titleArguments',
  };
  const defaultInLanguage = (description: string) =>
    description.replace(/\(default: (.*)\)$/, (_whole, value: string) => `(${message(lang, 'help.defaultValue', { value })})`);
  return {
    styleTitle: (title: string) => (titles[title] ? message(lang, titles[title]) : title),
    optionDescription(option) {
      return defaultInLanguage(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(argument) {
      return defaultInLanguage(Help.prototype.argumentDescription.call(this, argument));
    },
  };
}

/** Runs the CLI and returns its exit status: 0 all passed, 1 something failed, 2 grading could not run. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (shortLived(argv)) setV8Flags('--no-opt');
  let status = 0;
  // Help is made before commander parses, so its language comes from argv itself.
  const helpLang = helpLanguage(argv, io.env);
  const help = (id: MessageId, data?: MessageData) => message(helpLang, id, data);
  const dbOption = (db: string) => ((require('../board/open-store') as typeof import('../board/open-store')).isPostgresUrl(db) ? db : path.resolve(io.cwd, db));
  /** grade batch --board: the instructor secret from the environment or a file, never from the command line. */
  const batchBoard = (url: string, secretFile: string | undefined) => {
    if (!secretFile && !io.env.GRADE_BOARD_SECRET) throw new SetupError(phrase('error.boardNeedsSecret'), phrase('error.boardNeedsSecretAdvice'));
    return {
      url,
      secret: (require('../board/board-auth') as typeof import('../board/board-auth')).instructorSecret(io.env, path.resolve(io.cwd, secretFile ?? ''), false)
        .secret,
    };
  };
  const program = new Command('grade');
  // Before the subcommands are made, so they inherit it.
  program.configureHelp({ formatItem: formatHelpItem, ...helpInLanguage(helpLang) });
  program.helpOption('-h, --help', help('help.helpOption'));
  program
    .description(help('help.grade'))
    .version(grader.version, '-V, --version', help('help.version'))
    .argument('[exercise...]', help('help.grade.exerciseIds'))
    .option('--json', help('help.json'))
    .option('--out <dir>', help('help.out'), 'reports')
    .option('--format <list>', help('help.format', { formats: reportFormats.join(', ') }), defaultReportFormats.join(','))
    .option('--no-reports', help('help.grade.noReports'))
    .option('--history <file>', help('help.grade.history'))
    .option('--no-history', help('help.grade.noHistory'))
    .option('--var <name=value>', help('help.grade.var'), collect, [])
    .option('-H, --host <url>', help('help.grade.host'))
    .option('--exercises <dir>', help('help.exercises'), defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', help('help.concurrency')).default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--timeout <seconds>', help('help.timeout')).default(30).argParser(positiveInt('--timeout')))
    .option('--student <id>', help('help.grade.student'))
    .option('--registry <url>', help('help.grade.registry'))
    .option('--config <file>', help('help.grade.config'))
    .option('--watch', help('help.grade.watch'))
    .option('--lang <code>', help('help.lang'))
    .enablePositionalOptions()
    .showHelpAfterError(help('help.afterError'))
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
    .description(help('help.list'))
    .option('--json', help('help.list.json'))
    .option('--kinds', help('help.list.kinds'))
    .option('--exercises <dir>', help('help.exercises'), defaultExercisesDir)
    .option('--config <file>', help('help.list.config'))
    .option('--lang <code>', help('help.lang'))
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
        io.stderr.write(`grade: ${terminalText(e.line(lang))}\n`);
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
    .description(help('help.validate'))
    .argument('[file...]', help('help.validate.files'))
    .option('--exercises <dir>', help('help.exercises'), defaultExercisesDir)
    .action((files: string[], o: { exercises: string }) => {
      status = (require('./validate-command') as typeof import('./validate-command')).validateCommand(
        files.map((f) => path.resolve(io.cwd, f)),
        { exercisesDir: path.resolve(io.cwd, o.exercises) },
        io,
      );
    });

  program
    .command('batch')
    .description(help('help.batch'))
    .argument('<hosts-file>', help('help.batch.hostsFile'))
    .argument('[exercise...]', help('help.batch.exerciseIds'))
    .option('--out <dir>', help('help.batch.out'), 'reports/batch')
    .option('--format <list>', help('help.batch.format', { formats: reportFormats.join(', ') }), reportFormats.join(','))
    .option('--var <name=value>', help('help.batch.var'), collect, [])
    .option('--exercises <dir>', help('help.exercises'), defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', help('help.batch.concurrency')).default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--check-concurrency <n>', help('help.batch.checkConcurrency')).default(4).argParser(positiveInt('--check-concurrency')))
    .addOption(new Option('--timeout <seconds>', help('help.timeout')).default(30).argParser(positiveInt('--timeout')))
    .addOption(new Option('--connect-timeout <seconds>', help('help.batch.connectTimeout')).default(10).argParser(positiveInt('--connect-timeout')))
    .addOption(new Option('--host-timeout <seconds>', help('help.batch.hostTimeout')).default(300).argParser(positiveInt('--host-timeout')))
    .option('--resume', help('help.batch.resume'))
    .option('--report-only', help('help.batch.reportOnly'))
    .option('--shard <k/n>', help('help.batch.shard'))
    .option('--known-hosts <file>', help('help.batch.knownHosts'))
    .option('--accept-new', help('help.batch.acceptNew'))
    .option('--registry <url>', help('help.batch.registry'))
    .option('--every <interval>', help('help.batch.every'))
    .option('--board <url>', help('help.batch.board'))
    .option('--board-secret-file <file>', help('help.batch.boardSecretFile'))
    .option('--lang <code>', help('help.lang'))
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
    .description(help('help.repo'))
    .argument('[dir]', help('help.repo.dir'), '.')
    .argument('[exercise...]', help('help.repo.exerciseIds'))
    .option('--json', help('help.json'))
    .option('--out <dir>', help('help.out'), 'reports')
    .option('--format <list>', help('help.format', { formats: reportFormats.join(', ') }), 'html,json,junit')
    .addOption(
      new Option('--pass-mark <percent>', help('help.repo.passMark')).default(100).argParser((v) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('--pass-mark must be a percentage from 0 to 100');
        return n;
      }),
    )
    .option('--var <name=value>', help('help.repo.var'), collect, [])
    .option('-H, --host <url>', help('help.repo.host'))
    .option('--exercises <dir>', help('help.exercises'), defaultExercisesDir)
    .addOption(new Option('--concurrency <n>', help('help.concurrency')).default(8).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--timeout <seconds>', help('help.timeout')).default(30).argParser(positiveInt('--timeout')))
    .addOption(new Option('--step-timeout <seconds>', help('help.repo.stepTimeout')).default(600).argParser(positiveInt('--step-timeout')))
    .option('--student <id>', help('help.repo.student'))
    .option('--lang <code>', help('help.lang'))
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
    .description(help('help.merge'))
    .argument('<out>', help('help.merge.out'))
    .argument('<shard...>', help('help.merge.shards'))
    .option('--hosts <file>', help('help.merge.hosts'))
    .option('--lang <code>', help('help.lang'))
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
    .description(help('help.init'))
    .option('--student-id <id>', help('help.init.studentId'))
    .option('--name <name>', help('help.init.name'))
    .option('--dockerhub-user <user>', help('help.init.dockerhubUser'))
    .option('--config <file>', help('help.init.config'))
    .option('--board <url>', help('help.init.board'))
    .option('--join <code>', help('help.init.join'))
    .option('--lang <code>', help('help.lang'))
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
    .description(help('help.report'))
    .argument('[exercise...]', help('help.report.exerciseIds'))
    .option('--history <file>', help('help.report.history'))
    .option('--format <list>', help('help.format', { formats: reportFormats.join(', ') }), defaultReportFormats.join(','))
    .option('--out <dir>', help('help.out'), 'reports')
    .option('--lang <code>', help('help.lang'))
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
    .description(help('help.board'))
    // Not requiredOption: commander would demand it of `grade board revoke` too, before revoke's own --class is read.
    .option('--class <file>', help('help.board.class'))
    .option('--listen <host:port>', help('help.board.listen'), DEFAULT_LISTEN)
    .option('--db <file|url>', help('help.board.db'))
    .addOption(new Option('--stuck-minutes <n>', help('help.board.stuckMinutes')).default(10).argParser(positiveInt('--stuck-minutes')))
    .option('--secret-file <file>', help('help.board.secretFile'))
    .option('--exercises <dir>', help('help.board.exercises'), defaultExercisesDir)
    .option('--lang <code>', help('help.lang'))
    .action(async (o: { class?: string; listen: string; db?: string; stuckMinutes: number; secretFile?: string; exercises: string; lang?: string }) => {
      const lang = resolveLanguage(o.lang, io.env);
      if (!o.class) throw new SetupError(message(lang, 'board.needsClass'), message(lang, 'board.needsClassAdvice'));
      status = await boardCommandModule().boardCommand(
        {
          classFile: path.resolve(io.cwd, o.class),
          listen: o.listen,
          ...(o.db ? { db: dbOption(o.db) } : {}),
          ...(o.secretFile ? { secretFile: path.resolve(io.cwd, o.secretFile) } : {}),
          stuckMinutes: o.stuckMinutes,
          exercisesDir: path.resolve(io.cwd, o.exercises),
          lang,
        },
        io,
      );
    });
  board
    .command('revoke')
    .description(help('help.revoke'))
    .argument('<student...>', help('help.revoke.students'))
    .requiredOption('--class <file>', help('help.revoke.class'))
    .option('--db <file|url>', help('help.revoke.db'))
    .option('--lang <code>', help('help.lang'))
    .action(async (students: string[], o: { class: string; db?: string; lang?: string }) => {
      status = await boardCommandModule().revokeCommand(
        students,
        { classFile: path.resolve(io.cwd, o.class), ...(o.db ? { db: dbOption(o.db) } : {}), lang: resolveLanguage(o.lang, io.env) },
        io,
      );
    });
  program
    .command('completion')
    .description(help('help.completion'))
    .argument('<shell>', help('help.completion.shell'))
    .option('--exercises <dir>', help('help.completion.exercises'), defaultExercisesDir)
    .action((shell: string, o: { exercises: string }) => {
      status = (require('./completion-command') as typeof import('./completion-command')).completionCommand(
        shell,
        program,
        path.resolve(io.cwd, o.exercises),
        io,
        resolveLanguage(undefined, io.env),
      );
    });
  program.helpCommand('help [command]', help('help.helpCommand'));
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
      io.stderr.write(`grade: ${terminalText(e.line(helpLanguage(argv, io.env)))}\n`);
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
