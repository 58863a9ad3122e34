/**
 * What grade says of exercise files that do not load, and of their variables.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'error.badVar': 'bad --var "{{value}}"',
  'error.badVarAdvice': 'write it as --var name=value, e.g. --var dockerhub_user=alice',
  'error.noExerciseFolder': 'no exercise folder at {{dir}}',
  'error.noExerciseFolderAdvice': 'pass --exercises DIR pointing at a folder of <id>.yaml files',
  'error.specProblem': '1 problem in {{what}}',
  'error.specProblems': '{{count}} problems in {{what}}',
  'error.specExercises': 'exercise specs',
  'error.specAdvice': 'fix them and run `grade validate` again',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.badVar': 'valore non valido per --var: "{{value}}"',
  'error.badVarAdvice': 'scrivilo come --var nome=valore, per esempio --var dockerhub_user=alice',
  'error.noExerciseFolder': 'nessuna cartella di esercizi in {{dir}}',
  'error.noExerciseFolderAdvice': 'indica con --exercises DIR una cartella di file <id>.yaml',
  'error.specProblem': '1 problema in {{what}}',
  'error.specProblems': '{{count}} problemi in {{what}}',
  'error.specExercises': 'specifiche degli esercizi',
  'error.specAdvice': 'correggili ed esegui di nuovo `grade validate`',
};

export const exerciseWords = { en, it };
