/**
 * What grade says of a registry's answers and when to try again.
 *
 * Words only: this file imports nothing, so any floor may name it; src/messages/catalog.ts gathers
 * every area's words. An id is stored in results and histories: change its text, never the id.
 */
const en = {
  'part.registry.later': 'later',
  'part.registry.inSeconds': 'in {{count}} s',
  'part.registry.inMinutes': 'in {{count}} min',
  'part.registry.inHours': 'in {{count}} h',
  'part.registry.noAnswerWithin': 'the registry {{host}} did not answer within {{seconds}} s',
  'part.registry.unreachable': 'the registry {{host}} cannot be reached ({{code}})',
  'part.registry.tokenRateLimited': 'the registry is rate-limiting token requests',
  'part.registry.tokenAnswered': "the registry's token service answered {{status}}",
  'part.registry.pullLimit': "the registry's pull rate limit is reached; try again {{wait}}",
  'part.registry.answered': '{{what}}: the registry answered {{status}}',
} as const;

const it: Record<keyof typeof en, string> = {
  'part.registry.later': 'più tardi',
  'part.registry.inSeconds': 'tra {{count}} s',
  'part.registry.inMinutes': 'tra {{count}} min',
  'part.registry.inHours': 'tra {{count}} h',
  'part.registry.noAnswerWithin': 'il registry {{host}} non ha risposto entro {{seconds}} s',
  'part.registry.unreachable': 'il registry {{host}} non è raggiungibile ({{code}})',
  'part.registry.tokenRateLimited': 'il registry sta limitando le richieste di token',
  'part.registry.tokenAnswered': 'il servizio di token del registry ha risposto {{status}}',
  'part.registry.pullLimit': 'il registry ha raggiunto il limite di pull; riprova {{wait}}',
  'part.registry.answered': '{{what}}: il registry ha risposto {{status}}',
};

export const registryWords = { en, it };
