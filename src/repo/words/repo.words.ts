/**
 * Each piece of advice about a Dockerfile's practices.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'part.practice.chainRun': 'chain consecutive RUN instructions with && (each RUN is a layer)',
  'part.practice.aptLists': 'remove the package lists in the RUN that installs (&& rm -rf /var/lib/apt/lists/*): keep it small',
  'part.practice.pinnedBase': 'name the base image with a version tag (ubuntu:22.04, not ubuntu or ubuntu:latest)',
  'part.practice.noSecrets': 'never put passwords, keys or tokens in an image (ENV, ARG, or copied key files)',
  'part.practice.oneApp': 'put a single application per container: the web server and the database in separate containers',
  'part.practice.cmdNotRun': 'start the server with CMD, not RUN: RUN runs at build time and commits the result',
} as const;

const it: Record<keyof typeof en, string> = {
  'part.practice.chainRun': 'unisci le istruzioni RUN consecutive con && (ogni RUN è un layer)',
  'part.practice.aptLists': 'rimuovi le liste dei pacchetti nella stessa RUN che installa (&& rm -rf /var/lib/apt/lists/*): l’immagine resta piccola',
  'part.practice.pinnedBase': 'indica l’immagine di base con un tag di versione (ubuntu:22.04, non ubuntu o ubuntu:latest)',
  'part.practice.noSecrets': 'non mettere mai password, chiavi o token in un’immagine (ENV, ARG o file di chiavi copiati)',
  'part.practice.oneApp': 'una sola applicazione per container: il web server e il database in container separati',
  'part.practice.cmdNotRun': 'avvia il server con CMD, non con RUN: RUN viene eseguito durante la build e ne salva il risultato',
};

export const repoWords = { en, it };
