/**
 * What `grade validate` prints.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // grade validate, and a broken spec left out of grading
  'validate.oneProblem': '1 problem in {{files}} file(s)',
  'validate.problems': '{{count}} problems in {{files}} file(s)',
  'validate.untranslated': '{{file}}: {{path}}: no Italian text (warning; English is shown)',
  'validate.valid': '{{count}} exercise file(s) valid: {{ids}}',
  'validate.valid.warnings': '{{count}} exercise file(s) valid: {{ids}}; {{warnings}} warning(s)',
} as const;

const it: Record<keyof typeof en, string> = {
  'validate.oneProblem': '1 problema in {{files}} file',
  'validate.problems': '{{count}} problemi in {{files}} file',
  'validate.untranslated': '{{file}}: {{path}}: manca il testo italiano (avviso; si mostra quello inglese)',
  'validate.valid': 'file di esercizi validi: {{count}} ({{ids}})',
  'validate.valid.warnings': 'file di esercizi validi: {{count}} ({{ids}}); avvisi: {{warnings}}',
};

export const validateCommandWords = { en, it };
