/**
 * The help of `grade init`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.init': 'say who you are and your Docker Hub user, once; grade reads it (asks in a terminal, otherwise takes the options)',
  'help.init.studentId': 'your student id',
  'help.init.name': 'your name, as reports show it',
  'help.init.dockerhubUser': 'your Docker Hub user name (lowercase)',
  'help.init.config': 'where to write (default: $GRADE_CONFIG, else the per-user config folder)',
  'help.init.board': 'join the live lab board at this address (with --join); every grade run then sends its result there',
  'help.init.join': 'the join code the instructor gave for the board',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.init': 'di’ una volta chi sei e il tuo utente Docker Hub; grade lo legge (lo chiede in un terminale, altrimenti prende le opzioni)',
  'help.init.studentId': 'la tua matricola',
  'help.init.name': 'il tuo nome, come lo mostrano i rapporti',
  'help.init.dockerhubUser': 'il tuo nome utente Docker Hub (minuscolo)',
  'help.init.config': 'dove scrivere (predefinito: $GRADE_CONFIG, altrimenti la cartella di configurazione dell’utente)',
  'help.init.board': 'unisciti alla board dal vivo a questo indirizzo (con --join); ogni esecuzione di grade le invia poi il risultato',
  'help.init.join': 'il codice di accesso alla board dato dal docente',
};

export const initHelpWords = { en, it };
