/**
 * Pieces every check kind shares: where a check looked, which objects a selector picked, and patterns.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  // Pieces of check messages that kinds build in code (italian-rest): ids the kinds pass as phrases.
  'part.whereHost': 'on this Docker host',
  'part.whereRepo': 'among what grade repo built and started from the repository',
  'part.selector.any': 'container',
  'part.selector.named': 'container {{name}}',
  'part.selector.compose': '{{container}} of compose service {{service}}',
  'part.selector.composeProject': '{{container}} of compose service {{service}} (project {{project}})',
  'part.selector.fromImage': '{{container}} from image {{image}}',
  'part.selector.ofImage': '{{container}} of image {{image}}',
  'part.pattern.text': 'the text the exercise asks for (its pattern is under Details)',
  'part.pattern.form': 'of the form the exercise asks for (its pattern is under Details)',
  'part.pattern.with': 'with `{{text}}`',
  'part.registry.noSuchTag': 'no such tag',
  'part.registry.noSuchRepository': 'no such repository',
} as const;

const it: Record<keyof typeof en, string> = {
  // Pieces of check messages (italian-rest)
  'part.whereHost': 'su questo host Docker',
  'part.whereRepo': 'fra ciò che grade repo ha costruito e avviato dal repository',
  'part.selector.any': 'un container',
  'part.selector.named': 'il container {{name}}',
  'part.selector.compose': '{{container}} del servizio compose {{service}}',
  'part.selector.composeProject': '{{container}} del servizio compose {{service}} (progetto {{project}})',
  'part.selector.fromImage': '{{container}} creato dall’immagine {{image}}',
  'part.selector.ofImage': '{{container}} dell’immagine {{image}}',
  'part.pattern.text': 'il testo chiesto dall’esercizio (il modello è nei Dettagli)',
  'part.pattern.form': 'nella forma chiesta dall’esercizio (il modello è nei Dettagli)',
  'part.pattern.with': 'con `{{text}}`',
  'part.registry.noSuchTag': 'il tag non esiste',
  'part.registry.noSuchRepository': 'il repository non esiste',
};

export const checkWords = { en, it };
