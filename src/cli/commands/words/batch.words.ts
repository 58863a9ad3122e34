/**
 * The help of `grade batch` and `grade batch merge`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.batch': 'grade every student VM of a hosts file over SSH; a report per student and a class report',
  'help.batch.hostsFile': 'YAML hosts file (see docs/instructors.md: Grading a class)',
  'help.batch.exerciseIds': 'exercise ids to grade (default: all)',
  'help.batch.out': 'folder for the class report and a folder per student',
  'help.batch.format': 'per-student report formats, comma-separated: {{formats}}',
  'help.batch.var': "a variable for every host (a host's own vars win); repeatable",
  'help.batch.concurrency': 'hosts graded at once',
  'help.batch.checkConcurrency': 'checks at once on one host',
  'help.batch.connectTimeout': 'time limit to connect to a host and reach its engine',
  'help.batch.hostTimeout': 'time limit of a whole host',
  'help.batch.resume': 'skip hosts already graded in --out',
  'help.batch.reportOnly': 'rebuild the class report from --out, grading nothing',
  'help.batch.shard': 'grade only the K-th of N slices of the hosts file (then grade merge)',
  'help.batch.knownHosts': 'OpenSSH known_hosts file checked for host keys (default ~/.ssh/known_hosts)',
  'help.batch.acceptNew': 'record unknown host keys (trust on first use); a changed key is refused regardless',
  'help.batch.registry': 'registry API that stands for Docker Hub',
  'help.batch.every': 'grade in rounds, one every INTERVAL (e.g. 2m, 90s) until Ctrl-C',
  'help.batch.board': "send each graded host's result to a live board (instructor secret from $GRADE_BOARD_SECRET or --board-secret-file)",
  'help.batch.boardSecretFile': "file holding the board's instructor secret (the one grade board made beside the class file)",
  'help.merge': 'one class report from the output folders of several grade batch --shard runs',
  'help.merge.out': 'folder for the merged class report',
  'help.merge.shards': "the shards' --out folders",
  'help.merge.hosts': 'the hosts file, to list students in its order (and those no shard graded)',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.batch': 'valuta via SSH ogni VM di studente di un file degli host; un rapporto per studente e uno della classe',
  'help.batch.hostsFile': 'file YAML degli host (vedi docs/instructors.md: Grading a class)',
  'help.batch.exerciseIds': 'id degli esercizi da valutare (predefinito: tutti)',
  'help.batch.out': 'cartella per il rapporto della classe e una cartella per studente',
  'help.batch.format': 'formati dei rapporti per studente, separati da virgole: {{formats}}',
  'help.batch.var': 'una variabile per ogni host (vincono le variabili dell’host stesso); ripetibile',
  'help.batch.concurrency': 'host valutati insieme',
  'help.batch.checkConcurrency': 'controlli eseguiti insieme su un host',
  'help.batch.connectTimeout': 'tempo massimo per connettersi a un host e raggiungere il suo motore Docker',
  'help.batch.hostTimeout': 'tempo massimo per un host intero',
  'help.batch.resume': 'salta gli host già valutati in --out',
  'help.batch.reportOnly': 'ricostruisce il rapporto della classe da --out, senza valutare nulla',
  'help.batch.shard': 'valuta solo la K-esima di N parti del file degli host (poi grade merge)',
  'help.batch.knownHosts': 'file known_hosts di OpenSSH con cui verificare le chiavi degli host (predefinito ~/.ssh/known_hosts)',
  'help.batch.acceptNew': 'registra le chiavi di host sconosciute (fiducia al primo uso); una chiave cambiata è rifiutata comunque',
  'help.batch.registry': 'API di un registry che fa le veci di Docker Hub',
  'help.batch.every': 'valuta a turni, uno ogni INTERVAL (es. 2m, 90s) fino a Ctrl-C',
  'help.batch.board': 'invia il risultato di ogni host valutato a una board dal vivo (segreto del docente da $GRADE_BOARD_SECRET o --board-secret-file)',
  'help.batch.boardSecretFile': 'file con il segreto del docente per la board (quello creato da grade board accanto al file della classe)',
  'help.merge': 'un unico rapporto della classe dalle cartelle di output di più esecuzioni di grade batch --shard',
  'help.merge.out': 'cartella per il rapporto della classe unito',
  'help.merge.shards': 'le cartelle --out delle parti',
  'help.merge.hosts': 'il file degli host, per elencare gli studenti nel suo ordine (anche quelli che nessuna parte ha valutato)',
};

export const batchHelpWords = { en, it };
