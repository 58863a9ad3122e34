/**
 * What the SSH target says of a host's Docker.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'part.host.noDocker': 'there is no docker command for {{user}} on {{host}}',
  'part.host.noPermission': '{{user}} has no permission on the Docker socket on {{host}} (not in the docker group?)',
  'part.host.engineDown': 'the Docker engine on {{host}} does not answer ({{error}})',
  'part.host.dockerVersionFailed': 'docker version failed on {{host}}: {{error}}',
  'part.host.dockerApiFailed': 'the Docker API over SSH failed: {{error}}',
} as const;

const it: Record<keyof typeof en, string> = {
  'part.host.noDocker': 'su {{host}} non c’è il comando docker per {{user}}',
  'part.host.noPermission': '{{user}} non ha il permesso di usare il socket Docker su {{host}} (non è nel gruppo docker?)',
  'part.host.engineDown': 'il motore Docker su {{host}} non risponde ({{error}})',
  'part.host.dockerVersionFailed': 'docker version non è riuscito su {{host}}: {{error}}',
  'part.host.dockerApiFailed': 'l’API Docker via SSH non ha funzionato: {{error}}',
};

export const sshTargetWords = { en, it };
