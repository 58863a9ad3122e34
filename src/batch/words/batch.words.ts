/**
 * What a class's grading says of its hosts and its files.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'error.hostsFile': 'the hosts file',
  'error.classFile': 'the class file',
  'error.classFileAdvice': 'fix it and run grade {{command}} again',
  'error.noHosts': '{{file}} lists no hosts',
  'error.noHostsAdvice': 'grade batch grades the entries under hosts: over SSH; add them',
  // grade batch and grade merge (italian-rest)
  'batch.hosts': 'hosts: {{done}}/{{total}} done · {{running}} running · {{failed}} failed',
  'batch.alreadyGraded': '{{who}}already graded (--resume)',
  'batch.notGraded': '{{who}}not graded: {{error}}',
  'batch.graded': '{{who}}{{points}}/{{max}} in {{seconds}} s',
  'part.host.overtime': 'grading did not finish within {{seconds}} s',
  'part.host.nothingDecided': 'no check could be decided, so no grade ({{reason}})',
  'part.host.dropped': 'the connection dropped while grading ({{reason}})',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.hostsFile': 'file degli host',
  'error.classFile': 'file della classe',
  'error.classFileAdvice': 'correggilo ed esegui di nuovo grade {{command}}',
  'error.noHosts': '{{file}} non elenca nessun host',
  'error.noHostsAdvice': 'grade batch valuta via SSH le voci sotto hosts:; aggiungile',
  'batch.hosts': 'host: {{done}}/{{total}} finiti · {{running}} in corso · {{failed}} non valutati',
  'batch.alreadyGraded': '{{who}}già valutato (--resume)',
  'batch.notGraded': '{{who}}non valutato: {{error}}',
  'batch.graded': '{{who}}{{points}}/{{max}} in {{seconds}} s',
  'part.host.overtime': 'la valutazione non è finita entro {{seconds}} s',
  'part.host.nothingDecided': 'nessun controllo si è potuto decidere, quindi nessun voto ({{reason}})',
  'part.host.dropped': 'la connessione si è interrotta durante la valutazione ({{reason}})',
};

export const batchWords = { en, it };
