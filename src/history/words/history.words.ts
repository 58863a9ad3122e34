/**
 * What grade says of the attempts' history file.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'error.historyEmpty': 'history {{file}} holds no graded run yet',
  'error.historyEmptyAdvice': 'run `grade` first, or choose another file with --history FILE',
  'error.noAttempt': 'no graded attempt of {{ids}} for {{endpoint}} in history {{file}}',
  'error.noAttemptAdvice': 'grade it first (grade {{first}}); graded so far: {{known}}',
  'error.nothing': 'nothing',
  'error.history': 'history {{file}}: {{what}}',
  'error.historyChooseAnother':
    'move it away (grade then starts a new history), or choose another file with --history FILE or GRADE_HISTORY, or use --no-history',
  'error.historyPermissions': 'check its permissions, or choose another file with --history FILE or GRADE_HISTORY, or use --no-history',
  'error.historyIsFolder': 'is a folder, not a file',
  'error.historyUnusable': 'cannot be used ({{code}})',
  'error.historyNotOurs': 'is not a grade history file',
  'error.historyNewer': 'was written by a newer grade (history version {{version}})',
  'error.historyNewerAdvice': 'update grade, or choose another file with --history FILE or GRADE_HISTORY',
  'error.historyUnknownVersion': 'has an unknown history version {{version}}',
  'error.historyDamagedAdvice': 'fix or delete that line, or move the file away (grade then starts a new history)',
  'error.historyNotJson': 'not a JSON line, the history is damaged',
  'error.historyNewerRecord': 'a result of a newer grade (schemaVersion {{version}})',
  'error.updateGrade': 'update grade',
  'error.historyNotResult': 'not a grade result ({{why}})',
  'error.historyLocked': 'is locked by {{holder}} for more than 10 s',
  'error.anotherGrader': 'another grader',
  'error.historyLockedAdvice': 'if no other grade runs, remove {{file}}.lock',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.historyEmpty': 'la cronologia {{file}} non contiene ancora nessuna valutazione',
  'error.historyEmptyAdvice': 'esegui prima `grade`, o scegli un altro file con --history FILE',
  'error.noAttempt': 'nessun tentativo valutato di {{ids}} per {{endpoint}} nella cronologia {{file}}',
  'error.noAttemptAdvice': 'valutalo prima (grade {{first}}); valutati finora: {{known}}',
  'error.nothing': 'nessuno',
  'error.history': 'cronologia {{file}}: {{what}}',
  'error.historyChooseAnother':
    'spostala altrove (grade ne comincia allora una nuova), o scegli un altro file con --history FILE o GRADE_HISTORY, o usa --no-history',
  'error.historyPermissions': 'controlla i suoi permessi, o scegli un altro file con --history FILE o GRADE_HISTORY, o usa --no-history',
  'error.historyIsFolder': 'è una cartella, non un file',
  'error.historyUnusable': 'non si può usare ({{code}})',
  'error.historyNotOurs': 'non è un file di cronologia di grade',
  'error.historyNewer': 'è stata scritta da un grade più recente (versione di cronologia {{version}})',
  'error.historyNewerAdvice': 'aggiorna grade, o scegli un altro file con --history FILE o GRADE_HISTORY',
  'error.historyUnknownVersion': 'ha una versione di cronologia sconosciuta: {{version}}',
  'error.historyDamagedAdvice': 'correggi o cancella quella riga, o sposta altrove il file (grade comincia allora una nuova cronologia)',
  'error.historyNotJson': 'non è una riga JSON, la cronologia è danneggiata',
  'error.historyNewerRecord': 'un risultato di un grade più recente (schemaVersion {{version}})',
  'error.updateGrade': 'aggiorna grade',
  'error.historyNotResult': 'non è un risultato di grade ({{why}})',
  'error.historyLocked': 'è bloccata da {{holder}} da più di 10 s',
  'error.anotherGrader': 'un altro grade',
  'error.historyLockedAdvice': 'se nessun altro grade è in esecuzione, rimuovi {{file}}.lock',
};

export const historyWords = { en, it };
