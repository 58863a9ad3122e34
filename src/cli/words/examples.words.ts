/**
 * What `grade test` says of an exercise's examples, and what `grade new` prints.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // grade test: an exercise's examples graded and compared
  'test.line': '{{mark}} {{exercise}} › {{example}}: {{verdict}}',
  'test.differs': '{{mark}} {{exercise}} › {{example}}: {{verdict}} — {{differences}}',
  'test.verdictFull': 'full marks ({{points}}/{{max}})',
  'test.verdictNotFull': '{{points}}/{{max}}, not passed: {{checks}}',
  'test.shouldFail': 'the example says {{check}} fails, the grader says {{status}}',
  'test.shouldPass': 'the example says {{check}} passes, the grader says {{status}}: {{message}}',
  'test.messageLacks': '{{check}}: the message lacks “{{expected}}”: {{message}}',
  'test.setupFailed': 'setup could not run at a terminal (status {{status}}): {{output}}',
  'test.commandFailed': 'in setup, a command exited with status {{status}}: {{output}}',
  'test.setupTimeout': 'setup did not finish in {{seconds}} s (a command hangs, or an interactive shell was left open: type exit): {{output}}',
  'test.gradingTimeout': 'grading did not finish in {{seconds}} s',
  'test.summary': '{{agree}} of {{count}} examples agree with the grader',
  'test.noExamples': 'no examples to test in {{ids}}',
  'test.noExamplesAdvice': 'add examples: to the spec (grade new EXERCISE_ID shows how)',
  'test.withoutExamples': 'no examples: {{ids}}',
  'test.needsRegistry': 'examples not run: {{ids}} — their checks read a registry',
  'test.needsRegistryAdvice': 'give --registry URL, a registry of your own standing for Docker Hub (docker login to it first)',
  'test.missingImages': 'images the examples need are not on the engine: {{images}}',
  'test.missingImagesAdvice': 'grade test never pulls: docker pull (or docker load) them first',
  'test.engineHoldsOthers': 'the engine holds objects grade test did not make: {{objects}}',
  'test.engineHoldsOthersAdvice': 'test on an engine of its own, or add --engine-may-hold-other-objects (they are left alone, but they may change verdicts)',
  'test.leftBehind': 'could not remove what the examples made: {{objects}} — remove them by hand (docker rm -f, docker rmi)',
  'test.stopping': 'stopping, removing what the examples made…',
  'test.interrupted': 'grade test interrupted; what the examples made was removed',
  'new.created': 'created {{file}}: edit it, then grade validate {{file}} and grade test {{id}} --exercises {{dir}}',
  'new.exists': '{{file}} already exists',
  'new.existsAdvice': 'choose another id, or edit that file',
  'new.badId': 'an exercise id is lowercase letters, digits and _ and starts with a letter: {{id}}',
} as const;

const it: Record<keyof typeof en, string> = {
  'test.line': '{{mark}} {{exercise}} › {{example}}: {{verdict}}',
  'test.differs': '{{mark}} {{exercise}} › {{example}}: {{verdict}} — {{differences}}',
  'test.verdictFull': 'punteggio pieno ({{points}}/{{max}})',
  'test.verdictNotFull': '{{points}}/{{max}}, non superati: {{checks}}',
  'test.shouldFail': 'l’esempio dice che {{check}} fallisce, il correttore dice {{status}}',
  'test.shouldPass': 'l’esempio dice che {{check}} è superato, il correttore dice {{status}}: {{message}}',
  'test.messageLacks': '{{check}}: nel messaggio manca “{{expected}}”: {{message}}',
  'test.setupFailed': 'la preparazione non ha potuto usare un terminale (stato {{status}}): {{output}}',
  'test.commandFailed': 'nella preparazione, un comando è uscito con stato {{status}}: {{output}}',
  'test.setupTimeout':
    'la preparazione non è finita in {{seconds}} s (un comando è bloccato, o è rimasta aperta una shell interattiva: scrivi exit): {{output}}',
  'test.gradingTimeout': 'la valutazione non è finita in {{seconds}} s',
  'test.summary': 'esempi in accordo con il correttore: {{agree}} su {{count}}',
  'test.noExamples': 'nessun esempio da provare in {{ids}}',
  'test.noExamplesAdvice': 'aggiungi examples: al file dell’esercizio (grade new ID_ESERCIZIO mostra come)',
  'test.withoutExamples': 'senza esempi: {{ids}}',
  'test.needsRegistry': 'esempi non eseguiti: {{ids}} — i loro controlli leggono un registry',
  'test.needsRegistryAdvice': 'indica --registry URL, un tuo registry che faccia le veci di Docker Hub (prima fai docker login su di esso)',
  'test.missingImages': 'le immagini che servono agli esempi non sono nel motore Docker: {{images}}',
  'test.missingImagesAdvice': 'grade test non scarica mai niente: prima usa docker pull (o docker load)',
  'test.engineHoldsOthers': 'il motore Docker contiene oggetti che grade test non ha creato: {{objects}}',
  'test.engineHoldsOthersAdvice':
    'usa un motore Docker dedicato, o aggiungi --engine-may-hold-other-objects (non vengono toccati, ma possono cambiare i verdetti)',
  'test.leftBehind': 'non è stato possibile rimuovere ciò che gli esempi hanno creato: {{objects}} — rimuovilo a mano (docker rm -f, docker rmi)',
  'test.stopping': 'interruzione, rimuovo ciò che gli esempi hanno creato…',
  'test.interrupted': 'grade test interrotto; ciò che gli esempi hanno creato è stato rimosso',
  'new.created': 'creato {{file}}: modificalo, poi grade validate {{file}} e grade test {{id}} --exercises {{dir}}',
  'new.exists': '{{file}} esiste già',
  'new.existsAdvice': 'scegli un altro id, o modifica quel file',
  'new.badId': 'l’id di un esercizio è fatto di lettere minuscole, cifre e _ e inizia con una lettera: {{id}}',
};

export const examplesWords = { en, it };
