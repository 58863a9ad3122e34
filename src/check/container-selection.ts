import type { JSONSchemaType } from 'ajv';
import type { ContainerDetails } from '../docker/engine';
import type { EngineView } from '../docker/engine-view';
import { sameImageRef } from '../docker/image-reference';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../docker/labels';
import { phrase, type Phrase, type Verdict } from './kind';

/**
 * Which containers a check is about. All given fields must match; no field means
 * every container. Compose containers are found by label, never by name: compose
 * v1 names them `proj_svc_1`, v2 `proj-svc-1`.
 */
export interface ContainerSelector {
  name?: string;
  image?: string;
  compose?: { project?: string; service: string };
}

export const containerSelectorSchema: JSONSchemaType<ContainerSelector> = {
  type: 'object',
  description: 'Which containers: by name, by image, by compose service. All given fields must match.',
  properties: {
    name: { type: 'string', minLength: 1, nullable: true },
    image: { type: 'string', minLength: 1, nullable: true },
    compose: {
      type: 'object',
      nullable: true,
      properties: {
        project: { type: 'string', minLength: 1, nullable: true },
        service: { type: 'string', minLength: 1 },
      },
      required: ['service'],
      additionalProperties: false,
    },
  },
  required: [],
  additionalProperties: false,
};

/** "container web of compose service db from image nginx", as a phrase in the run's language. */
export function describeSelector(sel: ContainerSelector): Phrase {
  let what = sel.name ? phrase('part.selector.named', { name: sel.name }) : phrase('part.selector.any');
  if (sel.compose) {
    const { service, project } = sel.compose;
    what = project
      ? phrase('part.selector.composeProject', { container: what, service, project })
      : phrase('part.selector.compose', { container: what, service });
  }
  if (sel.image) what = phrase(sel.name || sel.compose ? 'part.selector.fromImage' : 'part.selector.ofImage', { container: what, image: sel.image });
  return what;
}

/** The `docker ps` filter a student can type to see the same candidates. */
export function selectorPsCommand(sel: ContainerSelector): string {
  const f: string[] = [];
  if (sel.name) f.push(`--filter name=^${sel.name}$`);
  if (sel.image) f.push(`--filter ancestor=${sel.image}`);
  if (sel.compose) {
    f.push(`--filter label=${COMPOSE_SERVICE_LABEL}=${sel.compose.service}`);
    if (sel.compose.project) f.push(`--filter label=${COMPOSE_PROJECT_LABEL}=${sel.compose.project}`);
  }
  return ['docker ps -a', ...f].join(' ');
}

export function containerName(c: { Name?: string; Names?: string[] }): string {
  return (c.Name ?? c.Names?.[0] ?? '').replace(/^\//, '');
}

/** Every container (running or not) the selector designates, inspected. */
export async function selectContainers(view: EngineView, sel: ContainerSelector): Promise<ContainerDetails[]> {
  const all = await view.containers();
  const imageId = sel.image ? (await view.image(sel.image))?.Id : undefined;
  const candidates = all.filter((c) => {
    if (sel.name && !c.Names.some((n) => n.replace(/^\//, '') === sel.name)) return false;
    if (sel.compose) {
      if (c.Labels?.[COMPOSE_SERVICE_LABEL] !== sel.compose.service) return false;
      if (sel.compose.project && c.Labels?.[COMPOSE_PROJECT_LABEL] !== sel.compose.project) return false;
    }
    // A container started from `nginx` keeps "nginx" even after a re-tag; one
    // started from the image id shows only the id: accept either.
    if (sel.image && !sameImageRef(c.Image, sel.image) && c.ImageID !== imageId) return false;
    return true;
  });
  const details = await Promise.all(candidates.map((c) => view.container(c.Id)));
  return details.filter((d): d is ContainerDetails => d !== undefined);
}

/** The running containers the selector designates: all that a kind reading a live container (stats, processes) can judge. */
export async function selectRunningContainers(view: EngineView, sel: ContainerSelector): Promise<ContainerDetails[]> {
  return (await selectContainers(view, sel)).filter((c) => c.State.Running);
}

/**
 * The verdict of a kind that found no container to judge. Every such kind says
 * it the same way: `what` names the selector in words, and the evidence gives
 * the `docker ps` that shows the student the same empty list.
 */
export function noContainerVerdict<M extends string>(sel: ContainerSelector, messageId: M): Verdict<M> {
  return { status: 'fail', messageId, data: { what: describeSelector(sel) }, evidence: { command: selectorPsCommand(sel) } };
}
