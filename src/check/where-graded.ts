import { phrase, type CheckContext, type Phrase } from './kind';

/**
 * Where a missing thing was looked for, in the words of the mode: a student on
 * their VM looks at "this Docker host"; under grade repo the state is what was
 * built and started from their repository.
 */
export function whereGraded(ctx: Pick<CheckContext, 'repo'>): Phrase {
  return phrase(ctx.repo ? 'part.whereRepo' : 'part.whereHost');
}
