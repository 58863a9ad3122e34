/**
 * Why a host could not be reached over SSH.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'part.host.identityUnreadable': 'cannot read the identity file {{file}} ({{code}})',
  'part.host.noIdentity': 'no identity file and no ssh-agent ($SSH_AUTH_SOCK): give identityFile in the hosts file',
  'part.host.keyChanged':
    "the host key of {{where}} changed (possible man-in-the-middle); if the VM was rebuilt, remove its old key: ssh-keygen -R '{{where}}' -f {{file}}",
  'part.host.keyRevoked': 'the host key of {{where}} is revoked in {{file}}',
  'part.host.certAuthority':
    "{{file}} trusts a certificate authority (@cert-authority) for {{where}}, which grade does not support: add the host's own key (ssh-keyscan) to it",
  'part.host.unknownKey': 'unknown host key for {{where}} ({{type}}): add it to {{file}}, or run with --accept-new',
  'part.host.refused': 'no SSH server answers at {{where}} (connection refused)',
  'part.host.notFound': 'host name {{host}} not found',
  'part.host.unreachable': '{{where}} is unreachable ({{code}})',
  'part.host.noHandshake': 'no SSH handshake from {{where}} within {{seconds}} s',
  'part.host.keyRefused': '{{where}} refused the key for user {{user}}',
  'part.host.cannotConnect': 'cannot connect to {{where}}: {{error}}',
  'part.host.cannotRun': 'cannot run a command on {{where}}: {{error}}',
  'part.host.commandTimeout': '`{{command}}` did not finish on {{where}} within {{seconds}} s',
} as const;

const it: Record<keyof typeof en, string> = {
  'part.host.identityUnreadable': 'impossibile leggere il file di identità {{file}} ({{code}})',
  'part.host.noIdentity': 'nessun file di identità e nessun ssh-agent ($SSH_AUTH_SOCK): indica identityFile nel file degli host',
  'part.host.keyChanged':
    "la chiave host di {{where}} è cambiata (possibile attacco di intercettazione); se la VM è stata ricreata, togli la vecchia chiave: ssh-keygen -R '{{where}}' -f {{file}}",
  'part.host.keyRevoked': 'la chiave host di {{where}} è revocata in {{file}}',
  'part.host.certAuthority':
    '{{file}} si fida di una certificate authority (@cert-authority) per {{where}}, che grade non supporta: aggiungi la chiave propria dell’host (ssh-keyscan)',
  'part.host.unknownKey': 'chiave host sconosciuta per {{where}} ({{type}}): aggiungila a {{file}}, oppure usa --accept-new',
  'part.host.refused': 'nessun server SSH risponde su {{where}} (connessione rifiutata)',
  'part.host.notFound': 'nome host {{host}} non trovato',
  'part.host.unreachable': '{{where}} non è raggiungibile ({{code}})',
  'part.host.noHandshake': 'nessun handshake SSH da {{where}} entro {{seconds}} s',
  'part.host.keyRefused': '{{where}} ha rifiutato la chiave per l’utente {{user}}',
  'part.host.cannotConnect': 'impossibile connettersi a {{where}}: {{error}}',
  'part.host.cannotRun': 'impossibile eseguire un comando su {{where}}: {{error}}',
  'part.host.commandTimeout': '`{{command}}` non è finito su {{where}} entro {{seconds}} s',
};

export const sshWords = { en, it };
