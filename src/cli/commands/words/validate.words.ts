/**
 * The help of `grade validate`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.validate': 'validate exercise specs; problems are printed as file:line:col: path: message',
  'help.validate.files': 'spec files (default: every spec in --exercises)',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.validate': 'controlla i file degli esercizi; i problemi sono stampati come file:riga:colonna: percorso: messaggio',
  'help.validate.files': 'file degli esercizi (predefinito: tutti quelli in --exercises)',
};

export const validateHelpWords = { en, it };
