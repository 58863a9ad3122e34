/**
 * What the runner says of a check it could not run, and of exercises a repository cannot be graded for.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'repo.missingFiles': 'the repository has no {{files}}',
  'repo.andNo': 'and no',
  'repo.skipped': '{{missing}} (name it to grade it anyway: grade repo DIR {{id}}, or GRADE_EXERCISES)',
  'repo.noFolder': 'there is no folder {{dir}}',
  'repo.noFolderAdvice': 'give grade repo the folder of a checkout of the repository: grade repo PATH (default: the current folder)',
  'repo.notFromRepo': '{{ids}} cannot be graded from a repository (no repo: section)',
  'repo.notFromRepoAdvice': 'grade repo grades {{repoIds}}; grade the others on a Docker host with grade {{others}}',
  'repo.noneOfTheFiles': '{{dir}} has none of the files an exercise is graded from',
  'repo.looksFor': 'grade repo looks for: {{wants}}',
  'error.unknownExercise': 'unknown exercise {{ids}}',
  'error.unknownExerciseAdvice': '{{didYouMean}}`grade list` shows them; known ids: {{known}}',
  'error.needsVariables': 'exercise {{id}} needs {{variables}}',
  'error.aValue': 'a value',
  'error.badVariableValue': 'exercise {{id}}, check {{check}}: after substituting variables, params{{path}} {{problem}}',
  'error.badVariableValueAdvice': 'check the values given with --var',
  // Runner
  'runner.skipped': 'Skipped: needs {{needs}}',
  'runner.interrupted': 'Not run: grading was interrupted',
  'runner.cannotGradeState': 'Not graded: {{reason}}',
  'runner.timeout': 'the check did not finish within {{seconds}} s',
  'runner.undecided': 'The grader could not decide: {{reason}}',
  'runner.needsVariables': 'needs {{variables}} — {{advice}}',
  'runner.variableAdvice': 'pass {{options}}, set {{env}}, or run grade init',
  // Command line
  'cli.didYouMean': 'did you mean {{suggestion}}?',
} as const;

const it: Record<keyof typeof en, string> = {
  'repo.missingFiles': 'il repository non ha {{files}}',
  'repo.andNo': 'né',
  'repo.skipped': '{{missing}} (nominalo per valutarlo comunque: grade repo DIR {{id}}, o GRADE_EXERCISES)',
  'repo.noFolder': 'la cartella {{dir}} non esiste',
  'repo.noFolderAdvice': 'dai a grade repo la cartella di un checkout del repository: grade repo PERCORSO (predefinita: la cartella corrente)',
  'repo.notFromRepo': '{{ids}} non si può valutare da un repository (manca la sezione repo:)',
  'repo.notFromRepoAdvice': 'grade repo valuta {{repoIds}}; valuta gli altri su un host Docker con grade {{others}}',
  'repo.noneOfTheFiles': '{{dir}} non contiene nessuno dei file da cui si valuta un esercizio',
  'repo.looksFor': 'grade repo cerca: {{wants}}',
  'error.unknownExercise': 'esercizio sconosciuto: {{ids}}',
  'error.unknownExerciseAdvice': '{{didYouMean}}`grade list` li mostra; id conosciuti: {{known}}',
  'error.needsVariables': 'l’esercizio {{id}} richiede {{variables}}',
  'error.aValue': 'un valore',
  'error.badVariableValue': 'esercizio {{id}}, controllo {{check}}: dopo aver sostituito le variabili, params{{path}} {{problem}}',
  'error.badVariableValueAdvice': 'controlla i valori dati con --var',
  'runner.skipped': 'Saltato: richiede {{needs}}',
  'runner.interrupted': 'Non eseguito: la valutazione è stata interrotta',
  'runner.cannotGradeState': 'Non valutato: {{reason}}',
  'runner.timeout': 'il controllo non è finito entro {{seconds}} s',
  'runner.undecided': 'Il valutatore non è riuscito a decidere: {{reason}}',
  'runner.needsVariables': 'richiede {{variables}} — {{advice}}',
  'runner.variableAdvice': 'usa {{options}}, imposta {{env}}, oppure esegui grade init',
  'cli.didYouMean': 'forse intendevi {{suggestion}}?',
};

export const runnerWords = { en, it };
