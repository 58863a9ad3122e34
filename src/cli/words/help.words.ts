/**
 * The help's own words: titles, shared options, and the names of arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // Command-line help (grade --help and each command's): descriptions of commands, arguments and options
  'help.titleUsage': 'Usage:',
  'help.titleOptions': 'Options:',
  'help.titleCommands': 'Commands:',
  'help.titleArguments': 'Arguments:',
  'help.defaultValue': 'default: {{value}}',
  'help.word.options': 'options',
  'help.word.command': 'command',
  'help.word.exercise': 'exercise',
  'help.word.hostsFile': 'hosts-file',
  'help.word.file': 'file',
  'help.word.dir': 'dir',
  'help.word.out': 'out',
  'help.word.shard': 'shard',
  'help.word.student': 'student',
  'help.word.shell': 'shell',
  'help.helpOption': 'display help for command',
  'help.helpCommand': 'show help for grade or one of its commands',
  'help.version': 'output the version number',
  'help.lang': 'language of messages and reports: en or it (default: from LC_ALL, LC_MESSAGES or LANG, else en)',
  'help.exercises': 'folder of exercise specs',
  'help.json': 'print the result as one JSON document on stdout',
  'help.out': 'folder for the report files',
  'help.format': 'report formats, comma-separated: {{formats}}',
  'help.concurrency': 'checks run at once',
  'help.timeout': 'time limit of one check',
} as const;

const it: Record<keyof typeof en, string> = {
  // Aiuto della riga di comando
  'help.titleUsage': 'Uso:',
  'help.titleOptions': 'Opzioni:',
  'help.titleCommands': 'Comandi:',
  'help.titleArguments': 'Argomenti:',
  'help.defaultValue': 'predefinito: {{value}}',
  'help.word.options': 'opzioni',
  'help.word.command': 'comando',
  'help.word.exercise': 'esercizio',
  'help.word.hostsFile': 'file-host',
  'help.word.file': 'file',
  'help.word.dir': 'cartella',
  'help.word.out': 'uscita',
  'help.word.shard': 'parte',
  'help.word.student': 'studente',
  'help.word.shell': 'shell',
  'help.helpOption': 'mostra l’aiuto del comando',
  'help.helpCommand': 'mostra l’aiuto di grade o di uno dei suoi comandi',
  'help.version': 'mostra il numero di versione',
  'help.lang': 'lingua di messaggi e rapporti: en o it (predefinita: da LC_ALL, LC_MESSAGES o LANG, altrimenti en)',
  'help.exercises': 'cartella dei file degli esercizi',
  'help.json': 'stampa il risultato come un unico documento JSON su stdout',
  'help.out': 'cartella per i file dei rapporti',
  'help.format': 'formati dei rapporti, separati da virgole: {{formats}}',
  'help.concurrency': 'controlli eseguiti insieme',
  'help.timeout': 'tempo massimo di un controllo',
};

export const helpWords = { en, it };
