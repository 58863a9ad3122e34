import type { EngineEvent } from '../docker/engine';
import { PROBE_LABEL } from '../docker/probes';

/** Object types whose changes can change a grade. */
export const WATCHED_TYPES = ['container', 'image', 'network', 'volume'];

/**
 * Actions that change nothing a check reads: reads (`top`, which grading
 * itself does), a terminal resized, volumes mounted as a container starts
 * (its `start` already says so).
 */
const IGNORED_ACTIONS = new Set(['top', 'resize', 'attach', 'detach', 'archive-path', 'extract-to-dir', 'export', 'mount', 'unmount', 'health_status']);

/**
 * Tells the student's changes from the grader's own traffic: every event of a
 * probe container (by its label), and the network/volume events it causes,
 * are ignored — otherwise each regrade would trigger the next.
 */
export class ChangeFilter {
  private readonly probes = new Set<string>();

  /** A short description of the change ("container web_server start"), or undefined to ignore it. */
  describe(e: EngineEvent): string | undefined {
    const attrs = e.Actor.Attributes ?? {};
    if (e.Type === 'container' && attrs[PROBE_LABEL] === 'true') {
      this.probes.add(e.Actor.ID);
      return undefined;
    }
    if ((e.Type === 'network' || e.Type === 'volume') && attrs.container && this.probes.has(attrs.container)) return undefined;
    const action = e.Action.split(':')[0]!.trim(); // "exec_start: sh -c …" → exec_start
    if (IGNORED_ACTIONS.has(action) || action === 'exec_create') return undefined;
    const name = attrs.name ?? e.Actor.ID.replace(/^sha256:/, '').slice(0, 12);
    return `${e.Type} ${name} ${action}`;
  }
}
