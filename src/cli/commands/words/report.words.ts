/**
 * The help of `grade report`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.report': 'write the reports again from the attempt history (latest result per exercise, best earlier); no engine needed',
  'help.report.exerciseIds': 'exercise ids to report (default: every exercise in the history)',
  'help.report.history': 'attempt history to read (default: $GRADE_HISTORY, else the per-user state folder)',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.report': 'scrive di nuovo i rapporti dallo storico dei tentativi (ultimo risultato per esercizio, migliore precedente); non serve un motore Docker',
  'help.report.exerciseIds': 'id degli esercizi da riportare (predefinito: tutti quelli nello storico)',
  'help.report.history': 'storico dei tentativi da leggere (predefinito: $GRADE_HISTORY, altrimenti la cartella di stato dell’utente)',
};

export const reportHelpWords = { en, it };
