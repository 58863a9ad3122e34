/**
 * The help of `grade`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.grade': 'Grade the hands-on exercises of the Docker course on this Docker host.',
  'help.grade.exerciseIds': 'exercise ids to grade (default: all); see `grade list`',
  'help.grade.noReports': 'write no report files',
  'help.grade.history': 'attempt history to append this run to (default: $GRADE_HISTORY, else the per-user state folder)',
  'help.grade.noHistory': 'do not read or append the attempt history',
  'help.grade.var': 'a value an exercise needs, e.g. --var dockerhub_user=alice (repeatable)',
  'help.grade.host':
    'Docker engine to grade, like docker -H (default: $DOCKER_HOST, the Docker context, the rootless socket, else /var/run/docker.sock; help ends with the one it uses)',
  'help.grade.student': 'student identifier written into the reports',
  'help.grade.registry': 'registry API that stands for Docker Hub, e.g. a course registry (default https://registry-1.docker.io)',
  'help.grade.config': 'per-user config written by grade init (default: $GRADE_CONFIG, else the per-user config folder)',
  'help.grade.watch': 'grade again after every change on the engine (containers, images, networks, volumes) until Ctrl-C',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.grade': 'Valuta gli esercizi pratici del corso Docker su questo host Docker.',
  'help.grade.exerciseIds': 'id degli esercizi da valutare (predefinito: tutti); vedi `grade list`',
  'help.grade.noReports': 'non scrivere file di rapporto',
  'help.grade.history': 'storico dei tentativi a cui aggiungere questa esecuzione (predefinito: $GRADE_HISTORY, altrimenti la cartella di stato dell’utente)',
  'help.grade.noHistory': 'non leggere e non aggiornare lo storico dei tentativi',
  'help.grade.var': 'un valore che serve a un esercizio, es. --var dockerhub_user=alice (ripetibile)',
  'help.grade.host':
    'motore Docker da valutare, come docker -H (predefinito: $DOCKER_HOST, il contesto Docker, il socket rootless, altrimenti /var/run/docker.sock; l’aiuto termina con quello usato)',
  'help.grade.student': 'matricola dello studente scritta nei rapporti',
  'help.grade.registry': 'API di un registry che fa le veci di Docker Hub, es. un registry del corso (predefinito https://registry-1.docker.io)',
  'help.grade.config': 'configurazione dell’utente scritta da grade init (predefinita: $GRADE_CONFIG, altrimenti la cartella di configurazione dell’utente)',
  'help.grade.watch': 'valuta di nuovo dopo ogni modifica sul motore (container, immagini, reti, volumi) fino a Ctrl-C',
};

export const gradeHelpWords = { en, it };
