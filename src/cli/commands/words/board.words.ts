/**
 * The help of `grade board` and its store commands: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.board': "serve the live lab board: the class grid, updated as results arrive from grade batch --board and students' own runs",
  'help.board.class': 'class file: the hosts file of grade batch, students: for those without a host (see docs/instructors.md: Live lab board)',
  'help.board.listen': 'address to serve on',
  'help.board.db': 'SQLite file, or postgres://… for several board instances (default: CLASS.board.sqlite beside the class file)',
  'help.board.stuckMinutes': 'mark a student stuck when their exercise has not improved for this long',
  'help.board.secretFile': 'instructor secret file, made when missing (default: CLASS.board-secret beside the class file; $GRADE_BOARD_SECRET wins)',
  'help.board.exercises': "folder of exercise specs (the board's columns)",
  'help.revoke': "revoke students' board tokens: their pushes are refused from now on (they join again to get a new one)",
  'help.revoke.students': 'student ids from the class file',
  'help.revoke.class': 'the class file',
  'help.revoke.db': 'the board database (default: CLASS.board.sqlite beside the class file)',
  'help.prune': "remove stored results older than an age (the board's page shows the same after)",
  'help.prune.olderThan': 'age of the results to remove: 30d, 12h',
  'help.rotateCode': 'change the join code (tokens already issued keep working until revoked)',
  'help.revoke.dropResults': 'also remove what their tokens sent (self-reported results)',
  'help.board.trustProxy':
    'comma-separated addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (limits, logs, Secure cookie); none by default',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.board':
    'serve la board dal vivo del laboratorio: la griglia della classe, aggiornata man mano che arrivano i risultati di grade batch --board e delle esecuzioni degli studenti',
  'help.board.class': 'file della classe: il file degli host di grade batch, students: per chi non ha un host (vedi docs/instructors.md: Live lab board)',
  'help.board.listen': 'indirizzo su cui servire',
  'help.board.db': 'file SQLite, o postgres://… per più istanze della board (predefinito: CLASS.board.sqlite accanto al file della classe)',
  'help.board.stuckMinutes': 'segna uno studente come bloccato quando il suo esercizio non migliora da questo tempo',
  'help.board.secretFile':
    'file del segreto del docente, creato se manca (predefinito: CLASS.board-secret accanto al file della classe; vince $GRADE_BOARD_SECRET)',
  'help.board.exercises': 'cartella dei file degli esercizi (le colonne della board)',
  'help.revoke': 'revoca i token della board degli studenti: i loro invii sono rifiutati da ora (si uniscono di nuovo per averne uno nuovo)',
  'help.revoke.students': 'matricole degli studenti dal file della classe',
  'help.revoke.class': 'il file della classe',
  'help.revoke.db': 'il database della board (predefinito: CLASS.board.sqlite accanto al file della classe)',
  'help.prune': 'toglie i risultati salvati più vecchi di un’età (la pagina della board resta uguale)',
  'help.prune.olderThan': 'età dei risultati da togliere: 30d, 12h',
  'help.rotateCode': 'cambia il codice per entrare (i token già dati continuano a funzionare finché non sono revocati)',
  'help.revoke.dropResults': 'toglie anche quello che i loro token hanno inviato (risultati autodichiarati)',
  'help.board.trustProxy':
    'indirizzi, separati da virgole, dei reverse proxy di cui credere X-Forwarded-For/-Proto (limiti, log, cookie Secure); nessuno se non indicato',
};

export const boardHelpWords = { en, it };
