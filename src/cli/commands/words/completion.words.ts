/**
 * The help of `grade completion`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.completion': 'print a completion script for bash, zsh or fish (commands, options, exercise ids); see docs/students.md: Shell completion',
  'help.completion.shell': 'bash, zsh or fish',
  'help.completion.exercises': 'folder of exercise specs whose ids are completed',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.completion': 'stampa uno script di completamento per bash, zsh o fish (comandi, opzioni, id degli esercizi); vedi docs/students.md: Shell completion',
  'help.completion.shell': 'bash, zsh o fish',
  'help.completion.exercises': 'cartella dei file degli esercizi di cui completare gli id',
};

export const completionHelpWords = { en, it };
