/**
 * The help of `grade repo`: the command, its options and arguments.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'help.repo': 'build, run and bring up what a student repository holds (Dockerfile, compose file), grade it, remove it; for CI',
  'help.repo.dir': 'the repository checkout',
  'help.repo.exerciseIds': 'exercise ids (default: those whose files the repository has)',
  'help.repo.passMark': 'exit 0 at or above this share of the points, 1 below',
  'help.repo.var': 'a value an exercise needs (repeatable)',
  'help.repo.host':
    'Docker engine to build and run on (default: as for grade: $DOCKER_HOST, the Docker context, the rootless socket, else /var/run/docker.sock)',
  'help.repo.stepTimeout': 'time limit of each repository step: docker build, compose up, compose down',
  'help.repo.student': 'student identifier written into the reports (in GitLab CI: "$GITLAB_USER_LOGIN")',
} as const;

const it: Record<keyof typeof en, string> = {
  'help.repo':
    'costruisce, avvia e mette in piedi ciò che contiene il repository di uno studente (Dockerfile, file compose), lo valuta e lo rimuove; per la CI',
  'help.repo.dir': 'la copia di lavoro del repository',
  'help.repo.exerciseIds': 'id degli esercizi (predefinito: quelli di cui il repository ha i file)',
  'help.repo.passMark': 'esce con 0 da questa quota dei punti in su, con 1 sotto',
  'help.repo.var': 'un valore che serve a un esercizio (ripetibile)',
  'help.repo.host':
    'motore Docker su cui costruire e avviare (predefinito: come per grade: $DOCKER_HOST, il contesto Docker, il socket rootless, altrimenti /var/run/docker.sock)',
  'help.repo.stepTimeout': 'tempo massimo di ogni passo sul repository: docker build, compose up, compose down',
  'help.repo.student': 'matricola dello studente scritta nei rapporti (in GitLab CI: "$GITLAB_USER_LOGIN")',
};

export const repoHelpWords = { en, it };
