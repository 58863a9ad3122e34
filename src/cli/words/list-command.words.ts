/**
 * What `grade list` prints.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'list.variables': 'variables:',
  'list.points': '{{points}} points',
  'list.pointsRepo': '{{points}} points; {{repo}} under grade repo',
  'list.repoOnly': 'grade repo only',
  'list.notUnderRepo': 'not under grade repo',
  'list.footer': '{{count}} exercises · "+" marks bonus points · grade <id> grades one',
  'list.variableSet': '{{name}} = {{value}} (from {{from}})',
  'list.variableUnset': '{{name}}: not set — {{advice}}',
} as const;

const it: Record<keyof typeof en, string> = {
  'list.variables': 'variabili:',
  'list.points': '{{points}} punti',
  'list.pointsRepo': '{{points}} punti; {{repo}} con grade repo',
  'list.repoOnly': 'solo con grade repo',
  'list.notUnderRepo': 'non con grade repo',
  'list.footer': '{{count}} esercizi · "+" indica i punti bonus · grade <id> ne valuta uno',
  'list.variableSet': '{{name}} = {{value}} (da {{from}})',
  'list.variableUnset': '{{name}}: non impostata — {{advice}}',
};

export const listCommandWords = { en, it };
