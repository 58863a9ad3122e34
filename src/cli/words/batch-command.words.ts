/**
 * What `grade batch` and `grade batch merge` print while grading a class.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'batch.fromOutcomes': 'class report from {{count}} host outcome(s): {{files}}',
  'batch.interruptConsequence': 'no new host starts; running ones stop and remove their probes. What is done is kept.',
  'batch.round': 'round {{round}} ({{time}})',
  'batch.classReport': 'class report: {{file}}',
  'batch.interrupted': 'interrupted: {{done}} host(s) done this run, {{notDone}} not; grade batch --resume goes on',
  'batch.nextRound': 'next round in {{seconds}} s; Ctrl-C stops',
  'batch.keptGraded': '{{id}}: kept the graded outcome of {{kept}} over a later error of {{later}}{{where}} ({{error}})',
  'batch.inShard': ' in {{shard}}',
  'batch.noReason': 'no reason given',
  'batch.merged': 'merged {{count}} host outcome(s) from {{shards}} shard(s): {{files}}',
  'batch.noShard': 'no shard folder {{shard}}',
  'batch.noShardHint': 'give the folders the shards wrote with --out',
} as const;

const it: Record<keyof typeof en, string> = {
  'batch.fromOutcomes': 'rapporto della classe da {{count}} esiti di host: {{files}}',
  'batch.interruptConsequence': 'nessun nuovo host parte; quelli in corso si fermano e rimuovono i loro container di prova. Ciò che è finito resta.',
  'batch.round': 'giro {{round}} ({{time}})',
  'batch.classReport': 'rapporto della classe: {{file}}',
  'batch.interrupted': 'interrotto: {{done}} host finiti in questa esecuzione, {{notDone}} no; grade batch --resume continua',
  'batch.nextRound': 'prossimo giro tra {{seconds}} s; Ctrl-C per fermare',
  'batch.keptGraded': '{{id}}: tenuto l’esito valutato del {{kept}} al posto di un errore successivo del {{later}}{{where}} ({{error}})',
  'batch.inShard': ' in {{shard}}',
  'batch.noReason': 'nessun motivo indicato',
  'batch.merged': 'uniti {{count}} esiti di host da {{shards}} shard: {{files}}',
  'batch.noShard': 'non c’è la cartella dello shard {{shard}}',
  'batch.noShardHint': 'indica le cartelle che gli shard hanno scritto con --out',
};

export const batchCommandWords = { en, it };
