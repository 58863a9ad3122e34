import type { JSONSchemaType } from 'ajv';
import type { EngineView } from '../docker/engine-view';
import type { HttpClient } from '../http/http-client';
import type { RegistryAccess } from '../registry/registry-access';
import type { RepoContext } from '../repo/repo-context';
import type { MessageData } from '../messages/phrase';
import type { Evidence, VerdictStatus } from '../result/types';

export type { Evidence, VerdictStatus };

export { joined, phrase, type MessageData, type MessageValue, type Phrase, type PhraseList } from '../messages/phrase';

export interface Verdict<M extends string = string> {
  status: VerdictStatus;
  messageId: M;
  /** Values for the message template; tests assert these (rendered in English), not the sentence. */
  data?: MessageData;
  evidence?: Evidence;
}

export interface CheckContext {
  engine: EngineView;
  http: HttpClient;
  registry: RegistryAccess;
  /** The student repository, when grading one (grade repo); checks that need it run only there. */
  repo?: RepoContext;
  /** Aborted when this check times out or the run is interrupted. */
  signal: AbortSignal;
  /** When this check's time limit runs out (epoch ms): a check that waits for a starting state waits until shortly before. */
  deadline: number;
  /** When the grader itself brought the graded state up (grade repo): that state may still be starting. */
  stagedAt?: number;
}

export interface CheckKindMeta<P, M extends string> {
  /** Dotted name used in specs, e.g. `image.exists`. */
  kind: string;
  /** One line, shown by `grade list --kinds` and in the README. */
  description: string;
  /** JSON Schema of `params`, typed against P so the two cannot drift. */
  params: JSONSchemaType<P>;
  /** Message templates by id; `{{name}}` is replaced by `data.name`. */
  messages: Record<M, string>;
  /** The same templates in Italian, with the same `{{placeholders}}`: every id has both (the compiler says so). */
  messagesIt: Record<M, string>;
}

export interface CheckKind<P = unknown, M extends string = string> {
  meta: CheckKindMeta<P, M>;
  evaluate(params: P, ctx: CheckContext): Promise<Verdict<M>>;
}

/** Identity at run time; at compile time it ties the message ids of `evaluate` to `meta.messages`. */
export function defineCheckKind<P, M extends string>(kind: CheckKind<P, M>): CheckKind<P, M> {
  return kind;
}
