/**
 * What `grade repo` prints while it builds and grades a repository.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'repo.header': 'grade {{version}} · repository {{dir}}',
  'repo.staging': '{{exercise}}: {{steps}}…',
  'repo.readingFiles': 'reading files',
  'repo.notGraded': 'not graded: {{id}} — {{reason}}',
  'repo.passes': '{{points}}/{{max}} points ({{percent}}%) passes the pass mark of {{mark}}%',
  'repo.belowPassMark': '{{points}}/{{max}} points ({{percent}}%) is below the pass mark of {{mark}}%',
} as const;

const it: Record<keyof typeof en, string> = {
  'repo.header': 'grade {{version}} · repository {{dir}}',
  'repo.staging': '{{exercise}}: {{steps}}…',
  'repo.readingFiles': 'lettura dei file',
  'repo.notGraded': 'non valutato: {{id}} — {{reason}}',
  'repo.passes': '{{points}}/{{max}} punti ({{percent}}%): raggiunta la soglia del {{mark}}%',
  'repo.belowPassMark': '{{points}}/{{max}} punti ({{percent}}%): sotto la soglia del {{mark}}%',
};

export const repoCommandWords = { en, it };
