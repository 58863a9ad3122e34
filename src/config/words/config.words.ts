/**
 * What grade says of the user's settings file and the language.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'error.configUnreadable': 'cannot read {{file}} ({{code}})',
  'error.configUnreadableAdvice': 'check its permissions, or run grade init',
  'error.configNotYaml': '{{file}} is not valid YAML ({{problem}})',
  'error.configInvalid': '{{file}}: {{path}} {{problem}}',
  'error.configFixAdvice': 'fix it, or run grade init to write it again',
  'error.unknownLang': 'unknown language "{{lang}}" for --lang',
  'error.unknownLangAdvice': 'known languages: {{langs}}',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.configUnreadable': 'non riesco a leggere {{file}} ({{code}})',
  'error.configUnreadableAdvice': 'controlla i suoi permessi, o esegui grade init',
  'error.configNotYaml': '{{file}} non è YAML valido ({{problem}})',
  'error.configInvalid': '{{file}}: {{path}} {{problem}}',
  'error.configFixAdvice': 'correggilo, o esegui grade init per riscriverlo',
  'error.unknownLang': 'lingua "{{lang}}" sconosciuta per --lang',
  'error.unknownLangAdvice': 'lingue conosciute: {{langs}}',
};

export const configWords = { en, it };
