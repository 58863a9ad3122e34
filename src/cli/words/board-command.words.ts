/**
 * What `grade board` and its store commands print.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'board.badListen': 'bad --listen "{{value}}"',
  'board.badListenAdvice': 'write it as HOST:PORT, e.g. {{example}}',
  'board.cannotListen': 'cannot listen on {{listen}} ({{why}})',
  'board.cannotListenAdvice': 'choose another --listen',
  'board.needsClass': 'grade board needs --class <file>',
  'board.needsClassAdvice': 'give the class file (see docs/instructors.md: Live lab board)',
  'board.serving': 'board: {{url}} — {{students}} students, {{exercises}} exercises, stuck after {{minutes}} min',
  'board.secretFromEnv': 'instructor secret: $GRADE_BOARD_SECRET (log in with it; grade batch --board sends with it)',
  'board.secretMade': 'instructor secret: made a new one in {{file}} (log in with it; grade batch --board sends with it)',
  'board.secretFile': 'instructor secret: {{file}} (log in with it; grade batch --board sends with it)',
  'board.studentsJoin': 'students join with: grade init --board {{url}} --join {{code}}',
  'board.ctrlC': 'Ctrl-C stops the board; everything is kept',
  'board.stopped': 'board stopped',
  'board.notInClass': 'not in the class file: {{ids}}',
  'board.notInClassAdvice': 'give student ids as the class file spells them',
  'board.revokedNone': '{{id}}: 0 token(s) revoked',
  'board.revoked': '{{id}}: {{count}} token(s) revoked; the student joins again with grade init --board URL --join CODE',
  'board.storeSize': 'store: {{results}} result(s), {{mb}} MB (grade board prune --older-than 30d removes old ones; the page keeps showing them)',
  'board.badAge': 'bad --older-than "{{value}}"',
  'board.badAgeAdvice': 'write days or hours, e.g. 30d or 12h (at least 1h)',
  'board.pruned': 'board: removed {{removed}} result(s) received before {{before}}; {{kept}} kept, {{mb}} MB',
  'board.rotated': 'new join code: {{code}} (a running board uses it within a second; tokens already issued keep working)',
  'board.dropped': '{{id}}: {{count}} self-reported result(s) removed; the board shows what is left within a second',
  'board.clearListen':
    'warning: --listen {{listen}} serves plain HTTP beyond this machine: the instructor secret and tokens travel in clear; put the board behind a TLS proxy',
  'board.clearUrl': 'warning: {{url}} is plain HTTP to another machine: the secret or token is sent in clear; use https:// (a TLS proxy in front of the board)',
} as const;

const it: Record<keyof typeof en, string> = {
  'board.badListen': '--listen "{{value}}" non valido',
  'board.badListenAdvice': 'scrivilo come HOST:PORTA, ad esempio {{example}}',
  'board.cannotListen': 'impossibile mettersi in ascolto su {{listen}} ({{why}})',
  'board.cannotListenAdvice': 'scegli un altro --listen',
  'board.needsClass': 'grade board ha bisogno di --class <file>',
  'board.needsClassAdvice': 'indica il file della classe (vedi docs/instructors.md: Live lab board)',
  'board.serving': 'board: {{url}} — {{students}} studenti, {{exercises}} esercizi, bloccato dopo {{minutes}} min',
  'board.secretFromEnv': 'segreto del docente: $GRADE_BOARD_SECRET (serve per entrare; grade batch --board lo usa per inviare)',
  'board.secretMade': 'segreto del docente: creato ora in {{file}} (serve per entrare; grade batch --board lo usa per inviare)',
  'board.secretFile': 'segreto del docente: {{file}} (serve per entrare; grade batch --board lo usa per inviare)',
  'board.studentsJoin': 'gli studenti si collegano con: grade init --board {{url}} --join {{code}}',
  'board.ctrlC': 'Ctrl-C ferma la board; tutto resta salvato',
  'board.stopped': 'board fermata',
  'board.notInClass': 'non presenti nel file della classe: {{ids}}',
  'board.notInClassAdvice': 'scrivi le matricole come nel file della classe',
  'board.revokedNone': '{{id}}: 0 token revocati',
  'board.revoked': '{{id}}: {{count}} token revocati; lo studente si ricollega con grade init --board URL --join CODE',
  'board.storeSize': 'archivio: {{results}} risultati, {{mb}} MB (grade board prune --older-than 30d toglie i vecchi; la pagina continua a mostrarli)',
  'board.badAge': '--older-than "{{value}}" non valido',
  'board.badAgeAdvice': 'scrivi giorni o ore, ad esempio 30d o 12h (almeno 1h)',
  'board.pruned': 'board: tolti {{removed}} risultati ricevuti prima di {{before}}; {{kept}} tenuti, {{mb}} MB',
  'board.rotated': 'nuovo codice per entrare: {{code}} (una board in esecuzione lo usa entro un secondo; i token già dati continuano a funzionare)',
  'board.dropped': '{{id}}: tolti {{count}} risultati autodichiarati; la board mostra quello che resta entro un secondo',
  'board.clearListen':
    'attenzione: --listen {{listen}} serve HTTP in chiaro oltre questa macchina: il segreto del docente e i token viaggiano in chiaro; metti la board dietro un proxy TLS',
  'board.clearUrl':
    'attenzione: {{url}} è HTTP in chiaro verso un’altra macchina: il segreto o il token viaggia in chiaro; usa https:// (un proxy TLS davanti alla board)',
};

export const boardCommandWords = { en, it };
