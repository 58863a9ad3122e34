/**
 * What grade says of the Docker engine: how it was found, and why it cannot be reached.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // Setup errors: one line, what happened — what to do (exit 2)
  'error.engineDenied': 'permission denied on the Docker socket {{where}}',
  'error.engineDeniedAdvice':
    'add yourself to the docker group (sudo usermod -aG docker $USER), log out and in again, and check with `id` (slide "Check hands-on environment")',
  'error.engineNone': 'no Docker engine answers at {{where}}',
  'error.engineNoneAdvice': 'start it (sudo systemctl start docker) or point DOCKER_HOST / --host at a running engine',
  'error.engineSlow': 'the Docker engine at {{where}} did not answer within {{seconds}} s',
  'error.engineSlowAdvice': 'check that it is healthy with `docker info`, or point --host at another engine',
  'error.engineUnreachable': 'cannot reach the Docker engine at {{where}} ({{code}})',
  'error.engineUnreachableAdvice': 'check the host name and port, and that the engine listens there',
  'error.engineRefused': 'the Docker engine at {{where}} refused the connection: {{why}}',
  'error.engineRefusedAdvice': 'check `docker info` on that host',
  // Which Docker engine, and where that choice came from (grade, grade repo, grade --help)
  'engine.fromFlag': 'from -H/--host',
  'engine.fromDockerHost': 'from DOCKER_HOST',
  'engine.fromDockerContext': 'Docker context "{{name}}", from DOCKER_CONTEXT',
  'engine.fromConfig': 'Docker context "{{name}}", from {{file}}',
  'engine.fromRootless': 'the rootless Docker socket in XDG_RUNTIME_DIR',
  'engine.fromDefault': 'the default socket',
  'engine.helpLine': 'Docker engine: {{endpoint}} ({{source}}).',
  'engine.helpProblem': 'Docker engine: cannot tell — {{problem}}',
  'engine.unreadableHost': 'cannot read the Docker host "{{raw}}" ({{source}})',
  'engine.hostFormatAdvice': 'use unix:///path/to/docker.sock or tcp://HOST:PORT',
  'engine.unsupportedScheme': 'unsupported Docker host scheme "{{scheme}}" in {{raw}} ({{source}})',
  'engine.sshHost': 'the Docker engine {{raw}} ({{source}}) is reached over SSH, which plain grade does not open',
  'engine.sshHostAdvice': 'run grade on that machine, or grade it with grade batch and a hosts file',
  'engine.certPathIncomplete': 'TLS is on for {{raw}} but ca.pem, cert.pem and key.pem are not all in {{dir}}',
  'engine.certPathAdvice': 'set DOCKER_CERT_PATH to the folder holding them, or unset DOCKER_TLS_VERIFY',
  'engine.configNotJson': '{{file}} is not valid JSON',
  'engine.configNotJsonAdvice': 'fix it, or set DOCKER_HOST or DOCKER_CONTEXT to choose the engine',
  'engine.contextMissing': 'the Docker context "{{name}}" named by {{origin}} is not in {{dir}}',
  'engine.contextMissingAdvice': 'see docker context ls, then docker context use NAME (or unset DOCKER_CONTEXT)',
  'engine.contextUnreadable': 'cannot read Docker context "{{name}}" from {{file}}',
  'engine.contextNoHost': 'Docker context "{{name}}" has no docker endpoint in {{file}}',
  'engine.tlsUnreadable': 'cannot read {{file}} ({{code}})',
  'engine.tlsIncomplete': 'Docker context "{{name}}" has {{has}} but not {{lacks}} in {{dir}}',
  'engine.tlsAdvice': 'create the context again with docker context create {{name}} --docker "host=…,ca=…,cert=…,key=…"',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.engineDenied': 'permesso negato sul socket di Docker {{where}}',
  'error.engineDeniedAdvice':
    'aggiungiti al gruppo docker (sudo usermod -aG docker $USER), esci e rientra nella sessione, e controlla con `id` (slide "Check hands-on environment")',
  'error.engineNone': 'nessun motore Docker risponde a {{where}}',
  'error.engineNoneAdvice': 'avvialo (sudo systemctl start docker) o indica con DOCKER_HOST / --host un motore in esecuzione',
  'error.engineSlow': 'il motore Docker a {{where}} non ha risposto entro {{seconds}} s',
  'error.engineSlowAdvice': 'controlla che funzioni con `docker info`, o indica con --host un altro motore',
  'error.engineUnreachable': 'non riesco a raggiungere il motore Docker a {{where}} ({{code}})',
  'error.engineUnreachableAdvice': 'controlla il nome dell’host e la porta, e che il motore sia in ascolto lì',
  'error.engineRefused': 'il motore Docker a {{where}} ha rifiutato la connessione: {{why}}',
  'error.engineRefusedAdvice': 'controlla `docker info` su quell’host',
  'engine.fromFlag': 'da -H/--host',
  'engine.fromDockerHost': 'da DOCKER_HOST',
  'engine.fromDockerContext': 'contesto Docker "{{name}}", da DOCKER_CONTEXT',
  'engine.fromConfig': 'contesto Docker "{{name}}", da {{file}}',
  'engine.fromRootless': 'il socket di Docker rootless in XDG_RUNTIME_DIR',
  'engine.fromDefault': 'il socket predefinito',
  'engine.helpLine': 'Motore Docker: {{endpoint}} ({{source}}).',
  'engine.helpProblem': 'Motore Docker: non si può sapere — {{problem}}',
  'engine.unreadableHost': 'non riesco a leggere l’host Docker "{{raw}}" ({{source}})',
  'engine.hostFormatAdvice': 'usa unix:///percorso/del/docker.sock oppure tcp://HOST:PORTA',
  'engine.unsupportedScheme': 'schema "{{scheme}}" non supportato per l’host Docker {{raw}} ({{source}})',
  'engine.sshHost': 'il motore Docker {{raw}} ({{source}}) si raggiunge via SSH, che grade da solo non apre',
  'engine.sshHostAdvice': 'esegui grade su quella macchina, oppure valutala con grade batch e un file degli host',
  'engine.certPathIncomplete': 'TLS è attivo per {{raw}} ma ca.pem, cert.pem e key.pem non sono tutti in {{dir}}',
  'engine.certPathAdvice': 'imposta DOCKER_CERT_PATH sulla cartella che li contiene, oppure togli DOCKER_TLS_VERIFY',
  'engine.configNotJson': '{{file}} non è JSON valido',
  'engine.configNotJsonAdvice': 'correggilo, oppure scegli il motore con DOCKER_HOST o DOCKER_CONTEXT',
  'engine.contextMissing': 'il contesto Docker "{{name}}" indicato da {{origin}} non è in {{dir}}',
  'engine.contextMissingAdvice': 'guarda docker context ls, poi docker context use NOME (oppure togli DOCKER_CONTEXT)',
  'engine.contextUnreadable': 'non riesco a leggere il contesto Docker "{{name}}" da {{file}}',
  'engine.contextNoHost': 'il contesto Docker "{{name}}" non ha un endpoint docker in {{file}}',
  'engine.tlsUnreadable': 'non riesco a leggere {{file}} ({{code}})',
  'engine.tlsIncomplete': 'il contesto Docker "{{name}}" ha {{has}} ma non {{lacks}} in {{dir}}',
  'engine.tlsAdvice': 'crea di nuovo il contesto con docker context create {{name}} --docker "host=…,ca=…,cert=…,key=…"',
};

export const dockerWords = { en, it };
