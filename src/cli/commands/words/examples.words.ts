/**
 * The help of `grade test` and `grade new`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.test': 'run each exercise’s examples on the engine and compare the grader’s verdict with theirs',
  'help.test.exerciseIds': 'exercises whose examples to run (default: every exercise with examples)',
  'help.test.engineMayHold': 'test on an engine that holds other containers, networks or volumes (left alone; they may change verdicts)',
  'help.test.exampleTimeout': 'limit for each example’s setup and grading',
  'help.test.registry': 'the registry standing for Docker Hub when grading (registry checks)',
  'help.new': 'write a new exercise spec to start from: both languages, one check, two examples',
  'help.new.id': 'the new exercise’s id (lowercase letters, digits, _)',
  'help.new.exercises': 'folder to write EXERCISE_ID.yaml into',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.test': 'esegue gli esempi di ogni esercizio sul motore Docker e confronta il verdetto del correttore con il loro',
  'help.test.exerciseIds': 'esercizi di cui eseguire gli esempi (predefinito: tutti quelli con esempi)',
  'help.test.engineMayHold': 'prova su un motore Docker che contiene altri container, reti o volumi (non vengono toccati; possono cambiare i verdetti)',
  'help.test.exampleTimeout': 'limite per preparazione e valutazione di ogni esempio',
  'help.test.registry': 'il registry che fa le veci di Docker Hub nella valutazione (controlli sul registry)',
  'help.new': 'scrive un nuovo file di esercizio da cui partire: due lingue, un controllo, due esempi',
  'help.new.id': 'l’id del nuovo esercizio (lettere minuscole, cifre, _)',
  'help.new.exercises': 'cartella in cui scrivere ID_ESERCIZIO.yaml',
};

export const examplesHelpWords = { en, it };
