/**
 * The class report an instructor reads after grade batch.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // Class report
  'class.title': 'Class report: {{graded}} of {{hosts}} graded',
  'class.heading': 'Class report',
  'class.hostsGraded': '{{graded}} of {{hosts}} hosts graded',
  'class.couldNotBe': '{{count}} could not be',
  'class.notYet': '{{count}} not graded yet',
  'class.generated': 'generated {{when}} by grade {{version}}',
  'class.legend': 'Points per exercise:',
  'class.full': 'full',
  'class.partial': 'part',
  'class.zero': 'none',
  'class.notGraded': 'not graded',
  'class.undecided': 'the grader could not decide a check',
  'class.undecidedCount': '{{count}} check(s) could not be decided',
  'class.colStudent': 'Student',
  'class.colHost': 'Host',
  'class.colTotal': 'Total',
  'class.colWhy': 'Why',
  'class.notGradedBecause': 'not graded: {{why}}',
  'class.pending': 'not graded yet',
  'class.noExercises': 'No exercise graded yet.',
  'class.problems': 'Hosts that could not be graded',
  'class.reExplain': 'What to re-explain',
  'class.reExplainIntro':
    'Per exercise: how the class scored, and each check with the share of students who passed it, worst first, with the most common failure message.',
  'class.histogram': 'Scores of {{count}} student(s)',
  'class.colCheck': 'Check',
  'class.colPassed': 'Passed',
  'class.colCommonFailure': 'Most common failure',
  'class.students': '{{count}} student(s)',
  'class.footer':
    "Each student's full report (checks, hints, evidence) is linked from their name. grades.csv holds the graded students' points for a gradebook; class.json holds this table and the aggregates.",
} as const;

const it: Record<keyof typeof en, string> = {
  'class.title': 'Rapporto della classe: {{graded}} su {{hosts}} valutati',
  'class.heading': 'Rapporto della classe',
  'class.hostsGraded': '{{graded}} host su {{hosts}} valutati',
  'class.couldNotBe': '{{count}} non valutabili',
  'class.notYet': '{{count}} non ancora valutati',
  'class.generated': 'generato {{when}} da grade {{version}}',
  'class.legend': 'Punti per esercizio:',
  'class.full': 'pieni',
  'class.partial': 'parziali',
  'class.zero': 'nessuno',
  'class.notGraded': 'non valutato',
  'class.undecided': 'il valutatore non ha potuto decidere un controllo',
  'class.undecidedCount': '{{count}} controlli non decisi',
  'class.colStudent': 'Studente',
  'class.colHost': 'Host',
  'class.colTotal': 'Totale',
  'class.colWhy': 'Perché',
  'class.notGradedBecause': 'non valutato: {{why}}',
  'class.pending': 'non ancora valutato',
  'class.noExercises': 'Nessun esercizio ancora valutato.',
  'class.problems': 'Host che non è stato possibile valutare',
  'class.reExplain': 'Cosa rispiegare',
  'class.reExplainIntro':
    'Per ogni esercizio: i punteggi della classe, e per ogni controllo la quota di studenti che l’ha superato, dal peggiore, con il messaggio di errore più frequente.',
  'class.histogram': 'Punteggi di {{count}} studenti',
  'class.colCheck': 'Controllo',
  'class.colPassed': 'Superato',
  'class.colCommonFailure': 'Errore più frequente',
  'class.students': '{{count}} studenti',
  'class.footer':
    'Il rapporto completo di ogni studente (controlli, suggerimenti, dettagli) è collegato al suo nome. grades.csv contiene i punti degli studenti valutati per il registro; class.json contiene questa tabella e gli aggregati.',
};

export const classReportWords = { en, it };
