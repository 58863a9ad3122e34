/**
 * The help of `grade list`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.list': 'list exercises and their checks with points',
  'help.list.json': 'as JSON on stdout',
  'help.list.kinds': 'list the check kinds instead',
  'help.list.config': 'per-user config whose variables are shown (default: $GRADE_CONFIG, else the per-user config folder)',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.list': 'elenca gli esercizi e i loro controlli con i punti',
  'help.list.json': 'in JSON su stdout',
  'help.list.kinds': 'elenca invece i tipi di controllo',
  'help.list.config':
    'configurazione dell’utente di cui mostrare le variabili (predefinita: $GRADE_CONFIG, altrimenti la cartella di configurazione dell’utente)',
};

export const listHelpWords = { en, it };
