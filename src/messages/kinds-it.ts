/**
 * The check kinds' messages in Italian, by kind and message id: the English
 * stays in each kind's `meta.messages`, so the kinds' files are untouched. The
 * parity test fails when a kind's message id has no Italian here, or when the
 * two languages use different `{{placeholders}}`.
 *
 * Values filled into `{{…}}` (names, lists of problems) are made by the kinds
 * and stay as they are.
 */

const NOT_REPO = { notRepo: 'Questo controllo legge un repository: si esegue solo con grade repo' };

const REGISTRY = {
  invalidName: '{{image}} non è un nome di immagine valido: {{reason}}',
  notFound: 'Il registry non ha {{image}} ({{reason}})',
  denied: '{{image}} non si può leggere senza login: non esiste, oppure il suo repository è privato',
  rateLimited: 'Il registry sta limitando le richieste: {{reason}} (riprova {{wait}})',
  unavailable: 'Impossibile interrogare il registry: {{reason}}',
};

export const kindMessagesIt: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'compose.file': {
    ok: '{{file}} dichiara {{what}}',
    missingFile: 'Il repository non ha un file compose ({{file}})',
    invalidYaml: '{{file}} non è YAML valido: {{problems}}',
    invalidSpec: '{{file}} non segue la specifica compose: {{problems}}',
    problems: '{{file}}: {{problems}}',
    ...NOT_REPO,
  },
  'compose.project': {
    ok: 'Il progetto compose {{project}} esegue {{services}}{{extra}}',
    noProject: 'Nessun progetto compose con i servizi {{services}} {{where}}',
    incomplete: 'Progetto compose {{project}}: {{problems}}',
  },
  'container.config': {
    ok: '{{name}} è {{state}} come previsto',
    notFound: 'Non c’è {{what}} {{where}}',
    mismatch: '{{name}} {{problems}}',
    noneFits: 'Nessuno dei {{count}} candidati per {{what}} va bene: {{problems}}',
  },
  'container.logs': {
    ok: '{{name}} ha scritto {{count}} righe che corrispondono, la più recente {{age}} s fa: {{last}}',
    notFound: 'Non c’è {{what}}',
    tooFew: '{{name}} ha scritto {{count}} righe {{pattern}} (almeno {{min}} attese); ultime righe: {{last}}',
    okStopped: '{{name}} è stato fermato; fino ad allora ha scritto {{count}} righe che corrispondono, la più recente {{age}} s prima dello stop: {{last}}',
    stale: 'La riga più recente nel log di {{name}} ha {{age}} s: ha smesso di scrivere',
    staleStopped: '{{name}} è stato fermato, e la riga più recente nel suo log è di {{age}} s prima: aveva già smesso di scrivere',
  },
  'container.stats': {
    ok: 'docker stats riporta {{reading}} per {{name}}',
    notRunning: 'Non c’è {{what}} in esecuzione, quindi non ci sono statistiche da leggere',
    mismatch: 'docker stats riporta {{reading}} per {{name}}: {{problems}}',
  },
  'container.top': {
    ok: '{{name}} esegue `{{command}}`',
    notRunning: 'Non c’è {{what}} in esecuzione',
    noProcess: '{{name}} esegue {{commands}}, ma nessun processo {{pattern}}',
  },
  'dockerfile.instructions': {
    ok: '{{file}} ha {{labels}}',
    missingFile: 'Il repository non ha {{file}}',
    missing: 'A {{file}} manca {{labels}}',
    ...NOT_REPO,
  },
  'dockerfile.practices': {
    ok: '{{file}} segue le buone pratiche delle slide ({{rules}})',
    advice: '{{findings}}',
    missingFile: 'Il repository non ha {{file}}',
    ...NOT_REPO,
  },
  'file.exists': {
    ok: 'Il repository ha {{path}}',
    missing: 'Il repository non ha {{path}}',
    lacks: '{{path}} non contiene "{{text}}"',
    ...NOT_REPO,
  },
  'http.get': {
    ok: 'GET {{url}} ha risposto {{status}}{{with}}{{waited}}',
    unreachable: 'Nessuno risponde a {{url}} ({{reason}}){{waited}}',
    status: 'GET {{url}} ha risposto {{actual}}, atteso {{expected}}{{waited}}',
    redirectAway: 'GET {{url}} ha risposto {{actual}}, un redirect a {{location}} su un altro host o porta, che grade non segue; atteso {{expected}}{{waited}}',
    content: 'GET {{url}} ha risposto {{status}} con {{summary}}, in cui manca {{wanted}}',
  },
  'image.config': {
    matches: 'L’immagine {{image}} dichiara {{what}}',
    missing: 'Non c’è l’immagine {{image}}',
    mismatch: 'Immagine {{image}}: {{problems}}',
  },
  'image.derived': {
    derived: '{{image}} è costruita su {{base}}: {{baseLayers}} layer di {{base}} più {{extra}} suoi',
    missing: 'Non c’è l’immagine {{image}} da confrontare con {{base}}',
    baseMissing: 'L’immagine di base {{base}} non è più su questo host, quindi {{image}} non si può confrontare',
    sameLayers: '{{image}} ha esattamente i layer di {{base}}: è una copia (un nuovo tag), non un’estensione',
    notDerived: '{{image}} non è costruita su {{base}}: il suo layer {{index}} non è di {{base}}',
  },
  'image.exists': {
    found: 'L’immagine {{image}} esiste ({{id}})',
    missing: 'Non c’è l’immagine {{image}} {{where}}',
  },
  'image.file': {
    ok: '{{path}} in {{image}} contiene ciò che ci si aspettava',
    missing: 'Non c’è l’immagine {{image}} da leggere',
    noFile: 'Non c’è il file {{path}} in {{image}}',
    mismatch: '{{path}} in {{image}} contiene altro: {{content}}',
  },
  'image.history': {
    ok: 'La history di {{image}} mostra {{what}}',
    missing: 'Non c’è l’immagine {{image}}',
    noOwnRows: 'La history di {{image}} non ha passi suoi sopra {{base}}',
    wrongOrigin: '{{image}} è stata creata con {{actual}}, non con {{expected}}: {{seen}}',
    missingSteps: 'La history di {{image}} non mostra {{steps}}',
    tooMany: 'La history di {{image}} ha {{count}} {{label}} (al massimo {{max}})',
  },
  'image.run': {
    ok: '`{{command}}` in un nuovo container da {{image}} è terminato con {{exitCode}}',
    missing: 'Non c’è l’immagine {{image}} da eseguire',
    cannotStart: '`{{command}}` non si avvia in {{image}}: {{reason}}',
    timedOut: '`{{command}}` in {{image}} non è finito entro {{seconds}} s',
    exitCode: '`{{command}}` in {{image}} è terminato con {{actual}}, atteso {{expected}}: {{output}}',
    stdout: '`{{command}}` in {{image}} ha stampato altro: {{output}}',
  },
  'network.exists': {
    ok: 'La rete {{name}} esiste (driver {{driver}})',
    missing: 'Non c’è la rete {{name}}',
    wrongDriver: 'La rete {{name}} usa il driver {{actual}}, non {{expected}}',
  },
  'network.interfaces': {
    ok: 'Dentro {{name}} c’è solo {{interfaces}}',
    okFromLog: '{{name}} è terminato; l’ip address show che ha stampato elenca solo {{interfaces}}',
    notRunning: 'Non c’è {{what}} in esecuzione, né uno terminato dopo aver mostrato le sue interfacce (ip address show)',
    extra: '{{name}} ha anche {{extra}} (interfacce: {{interfaces}})',
    noProbe: 'Impossibile guardare dentro {{name}}: {{reason}}',
  },
  'network.reachability': {
    reachable: '{{from}} raggiunge {{to}} ({{ip}})',
    isolated: '{{from}} non raggiunge {{to}} ({{ips}}), come previsto',
    notIsolated: '{{from}} raggiunge {{to}} all’indirizzo {{ip}}: sono sulla stessa rete',
    unreachable: '{{from}} non raggiunge {{to}} ({{ips}})',
    fromNotRunning: '{{what}} non è in esecuzione, quindi non può inviare nulla',
    toNotRunning: '{{what}} non è in esecuzione',
    noPing: 'Impossibile provare da {{from}}: la sua immagine non ha ping ({{reason}})',
  },
  'registry.file': {
    found: '{{image}} contiene {{path}}{{via}}',
    absent: '{{image}} non ha {{what}} ({{read}})',
    ...REGISTRY,
  },
  'registry.layers': {
    same: '{{image}} ha esattamente i {{count}} layer della {{local}} locale',
    extra: '{{image}} è la {{local}} locale più {{extra}} layer suoi',
    different: '{{image}} non è la {{local}} locale: {{why}}',
    localMissing: 'Non c’è un’immagine locale {{local}} con cui confrontare {{image}}',
    ...REGISTRY,
  },
  'registry.public': {
    ok: 'Chiunque può scaricare {{image}}',
    ...REGISTRY,
  },
  'registry.tag': {
    ok: '{{image}} è sul registry ({{digest}})',
    ...REGISTRY,
  },
  'repo.step': {
    ok: '{{summary}}',
    failed: '{{summary}}',
    notRun: 'Il passo {{step}} non è stato eseguito: {{reason}}',
    ...NOT_REPO,
  },
  'volume.contents': {
    ok: 'Il volume {{volume}} contiene {{entries}}',
    missingVolume: 'Non c’è il volume {{volume}}',
    empty: 'Il volume {{volume}} è vuoto: niente di ciò che vi è stato scritto è rimasto',
    noMatch: 'Il volume {{volume}} contiene {{entries}}, ma nessun elemento {{file}}',
    noPath: 'Il volume {{volume}} non ha {{path}}',
    noProbeImage: 'Impossibile leggere il volume {{volume}}: nessun container lo usa, quindi non c’è un’immagine con cui leggerlo',
  },
  'volume.exists': {
    ok: 'Il volume {{name}} esiste (driver {{driver}})',
    missing: 'Non c’è il volume {{name}}',
    wrongDriver: 'Il volume {{name}} usa il driver {{actual}}, non {{expected}}',
  },
};
