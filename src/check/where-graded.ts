import type { CheckContext } from './kind';

/**
 * Where a missing thing was looked for, in the words of the mode: a student on
 * their VM looks at "this Docker host"; under grade repo the state is what was
 * built and started from their repository.
 */
export function whereGraded(ctx: Pick<CheckContext, 'repo'>): string {
  return ctx.repo ? 'among what grade repo built and started from the repository' : 'on this Docker host';
}
