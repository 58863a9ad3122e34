import type { CommandUnknownOpts, Option } from '@commander-js/extra-typings';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import { reportFormats } from '../report/index';
import { languages } from '../messages/catalog';
import { loadExercises } from '../exercise/load';
import type { CliIo } from './io';

export const completionShells = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof completionShells)[number];

/** What a script completes, read from the command tree itself so it never falls behind a new option. */
interface CompletionModel {
  commands: { name: string; description: string; options: Option[] }[];
  root: Option[];
  exerciseIds: string[];
  /** Options whose value is one of a few words. */
  valueWords: Record<string, readonly string[]>;
  /** Options that take a value (a file, a folder, a number…): the shell's file completion. */
  valueOptions: string[];
}

const flagsOf = (options: Option[]) => options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));

function modelOf(program: CommandUnknownOpts, exerciseIds: string[], lang: Lang): CompletionModel {
  const commands = [
    ...program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...c.options] })),
    // commander keeps its help command apart from the others.
    { name: 'help', description: message(lang, 'help.helpCommand'), options: [] },
  ];
  const all = [...program.options, ...commands.flatMap((c) => c.options)];
  const valueOptions = [...new Set(all.filter((o) => o.required || o.optional).flatMap((o) => flagsOf([o])))].sort();
  return {
    commands,
    root: [...program.options],
    exerciseIds,
    valueWords: { '--format': reportFormats, '--lang': languages },
    valueOptions: valueOptions.filter((f) => !['--format', '--lang'].includes(f)),
  };
}

/** The positional words a command takes: exercise ids where it grades, command names for help, shells for completion. */
function positionals(m: CompletionModel, command: string): string[] {
  if (command === '') return [...m.commands.map((c) => c.name), ...m.exerciseIds];
  if (command === 'batch' || command === 'repo' || command === 'report') return m.exerciseIds;
  if (command === 'help') return m.commands.map((c) => c.name);
  if (command === 'completion') return [...completionShells];
  return [];
}

const wordsFor = (m: CompletionModel, command: string) =>
  [...positionals(m, command), ...flagsOf(command === '' ? m.root : (m.commands.find((c) => c.name === command)?.options ?? [])), '--help'].join(' ');

function bash(m: CompletionModel): string {
  const names = m.commands.map((c) => c.name).join('|');
  const cases = ['', ...m.commands.map((c) => c.name)].map((c) => `    ${c === '' ? '""' : c}) words="${wordsFor(m, c)}" ;;`).join('\n');
  const valueCases = Object.entries(m.valueWords)
    .map(([o, w]) => `    ${o}) COMPREPLY=($(compgen -W "${w.join(' ')}" -- "$cur")); return ;;`)
    .join('\n');
  return `# bash completion for grade: source it, or save it as ~/.local/share/bash-completion/completions/grade
_grade_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" command="" words="" i
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${names}) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${valueCases}
    ${m.valueOptions.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$command" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _grade_complete grade
`;
}

function zsh(m: CompletionModel): string {
  const names = m.commands.map((c) => c.name).join('|');
  const cases = ['', ...m.commands.map((c) => c.name)].map((c) => `    ${c === '' ? '""' : c}) compadd -- ${wordsFor(m, c)} ;;`).join('\n');
  const valueCases = Object.entries(m.valueWords)
    .map(([o, w]) => `    ${o}) compadd -- ${w.join(' ')}; return ;;`)
    .join('\n');
  return `#compdef grade
# zsh completion for grade: save it as _grade in a folder of $fpath, or source it after compinit
_grade() {
  local command="" i
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      ${names}) command="\${words[i]}"; break ;;
    esac
  done
  case "\${words[CURRENT-1]}" in
${valueCases}
    ${m.valueOptions.join('|')}) _files; return ;;
  esac
  case "$command" in
${cases}
  esac
}
if [ "$funcstack[1]" = "_grade" ]; then _grade "$@"; else compdef _grade grade; fi
`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(m: CompletionModel): string {
  const names = m.commands.map((c) => c.name).join(' ');
  const atRoot = `not __fish_seen_subcommand_from ${names}`;
  const option = (condition: string, o: Option) => {
    const value = o.long && m.valueWords[o.long] ? ` -x -a ${fishQuote(m.valueWords[o.long]!.join(' '))}` : o.required || o.optional ? ' -r -F' : '';
    const long = o.long ? ` -l ${o.long.replace(/^--/, '')}` : '';
    const short = o.short ? ` -s ${o.short.replace(/^-/, '')}` : '';
    return `complete -c grade -n ${fishQuote(condition)}${short}${long}${value} -d ${fishQuote(o.description)}`;
  };
  const lines = [
    '# fish completion for grade: save it as ~/.config/fish/completions/grade.fish',
    'complete -c grade -f',
    ...m.commands.map((c) => `complete -c grade -n ${fishQuote(atRoot)} -a ${c.name} -d ${fishQuote(c.description)}`),
    ...m.exerciseIds.map((id) => `complete -c grade -n ${fishQuote(atRoot)} -a ${id} -d exercise`),
    ...m.root.map((o) => option(atRoot, o)),
    ...m.commands.flatMap((c) => [
      ...c.options.map((o) => option(`__fish_seen_subcommand_from ${c.name}`, o)),
      ...positionals(m, c.name).map((w) => `complete -c grade -n ${fishQuote(`__fish_seen_subcommand_from ${c.name}`)} -a ${w}`),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

const scripts: Record<Shell, (m: CompletionModel) => string> = { bash, zsh, fish };

/** `grade completion bash|zsh|fish`: the script on stdout. */
export function completionCommand(shell: string, program: CommandUnknownOpts, exercisesDir: string, io: Pick<CliIo, 'stdout'>, lang: Lang): number {
  if (!(completionShells as readonly string[]).includes(shell))
    throw new SetupError(message(lang, 'cli.unknownShell', { shell }), message(lang, 'cli.unknownShellAdvice', { shells: completionShells.join(', ') }));
  let exerciseIds: string[] = [];
  try {
    exerciseIds = loadExercises(exercisesDir).map((e) => e.id);
  } catch {
    // A broken spec folder must not cost the commands and options: ids are left out, `grade validate` says why.
  }
  io.stdout.write(scripts[shell as Shell](modelOf(program, exerciseIds, lang)));
  return 0;
}
