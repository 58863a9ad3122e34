/**
 * What `grade init` asks and answers.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // grade init (italian-rest)
  'init.askStudentId': 'Student id (as your course knows you)',
  'init.askName': 'Your name',
  'init.askDockerHubUser': 'Docker Hub user name',
  'init.pleaseAnswer': 'please answer',
  'init.lowercase': 'Docker Hub user names are lowercase: {{suggestion}}?',
  'init.userShape': 'a Docker Hub user name has 4 to 30 lowercase letters and digits',
  'init.emptyValue': '{{option}} is empty',
  'init.emptyValueHint': 'give it a value, or leave the option out to keep the one you gave before',
  'init.keptUser': 'Docker Hub user: {{user}}',
  'init.badUser': 'bad --dockerhub-user "{{user}}"',
  'init.noTerminal': 'grade init has no terminal to ask in',
  'init.passOptions': 'pass {{options}}',
  'init.cancelled': 'grade init cancelled',
  'init.cancelledHint': 'nothing was written; run it again to answer',
  'init.wrote': 'wrote {{file}}: student {{id}} ({{name}}), Docker Hub user {{user}}',
  'init.boardTogether': '--board and --join go together',
  'init.boardTogetherHint': 'grade init --board URL --join CODE (both from your instructor)',
  'init.badBoard': 'bad --board "{{board}}"',
  'init.badBoardHint': 'give the board address your instructor gave, e.g. http://10.0.0.5:8700',
  'init.boardNeedsId': 'the board needs your student id',
  'init.boardNeedsIdHint': 'add --student-id ID (as the class file spells it)',
  'init.joinFailed': 'could not join the board at {{url}}: {{error}}',
  'init.joinFailedHint': 'check the address, the join code and your student id with your instructor',
  'init.joined': 'joined the board at {{url}} as {{who}}; every grade run now sends its result there ({{file}})',
} as const;

const it: Record<keyof typeof en, string> = {
  'init.askStudentId': 'Matricola (come ti conosce il corso)',
  'init.askName': 'Il tuo nome',
  'init.askDockerHubUser': 'Nome utente Docker Hub',
  'init.pleaseAnswer': 'rispondi, per favore',
  'init.lowercase': 'i nomi utente Docker Hub sono in minuscolo: {{suggestion}}?',
  'init.userShape': 'un nome utente Docker Hub ha da 4 a 30 lettere minuscole e cifre',
  'init.emptyValue': '{{option}} è vuota',
  'init.emptyValueHint': 'dalle un valore, oppure togli l’opzione per tenere quello dato prima',
  'init.keptUser': 'utente Docker Hub: {{user}}',
  'init.badUser': '--dockerhub-user "{{user}}" non valido',
  'init.noTerminal': 'grade init non ha un terminale in cui fare domande',
  'init.passOptions': 'aggiungi {{options}}',
  'init.cancelled': 'grade init annullato',
  'init.cancelledHint': 'non è stato scritto niente; eseguilo di nuovo per rispondere',
  'init.wrote': 'scritto {{file}}: studente {{id}} ({{name}}), utente Docker Hub {{user}}',
  'init.boardTogether': '--board e --join vanno usati insieme',
  'init.boardTogetherHint': 'grade init --board URL --join CODICE (entrambi dal docente)',
  'init.badBoard': '--board "{{board}}" non valido',
  'init.badBoardHint': 'usa l’indirizzo della board dato dal docente, per esempio http://10.0.0.5:8700',
  'init.boardNeedsId': 'la board ha bisogno della tua matricola',
  'init.boardNeedsIdHint': 'aggiungi --student-id ID (scritto come nel file della classe)',
  'init.joinFailed': 'impossibile entrare nella board su {{url}}: {{error}}',
  'init.joinFailedHint': 'controlla con il docente l’indirizzo, il codice di accesso e la tua matricola',
  'init.joined': 'entrato nella board su {{url}} come {{who}}; da ora ogni esecuzione di grade le invia il suo risultato ({{file}})',
};

export const initCommandWords = { en, it };
