import { whereGraded } from '../src/check/where-graded';
import { defineCheckKind, joined, phrase, type Phrase } from '../src/check/kind';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../src/docker/labels';

interface Params {
  /** Project name (the folder name by default in compose); when absent, the project that has all the services. */
  project?: string;
  services: string[];
  /** Network keys of the compose file (created as `<project>_<key>`). */
  networks?: string[];
  /** Volume keys of the compose file (created as `<project>_<key>`). */
  volumes?: string[];
}

const NETWORK_LABEL = 'com.docker.compose.network';
const VOLUME_LABEL = 'com.docker.compose.volume';

export default defineCheckKind<Params, 'ok' | 'noProject' | 'incomplete'>({
  meta: {
    kind: 'compose.project',
    description: 'A docker-compose project (found by its labels) runs these services and created these networks and volumes.',
    params: {
      type: 'object',
      properties: {
        project: { type: 'string', minLength: 1, nullable: true },
        services: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        networks: { type: 'array', items: { type: 'string', minLength: 1 }, nullable: true },
        volumes: { type: 'array', items: { type: 'string', minLength: 1 }, nullable: true },
      },
      required: ['services'],
      additionalProperties: false,
    },
    messages: {
      ok: 'Compose project {{project}} runs {{services}}{{extra}}',
      noProject: 'No compose project with services {{services}} {{where}}',
      incomplete: 'Compose project {{project}}: {{problems}}',
    },
    messagesIt: {
      ok: 'Il progetto compose {{project}} esegue {{services}}{{extra}}',
      noProject: 'Nessun progetto compose con i servizi {{services}} {{where}}',
      incomplete: 'Progetto compose {{project}}: {{problems}}',
    },
  },
  async evaluate(p, ctx) {
    const containers = await ctx.engine.containers();
    const byProject = new Map<string, typeof containers>();
    for (const c of containers) {
      const project = c.Labels?.[COMPOSE_PROJECT_LABEL];
      if (!project || (p.project && project !== p.project)) continue;
      byProject.set(project, [...(byProject.get(project) ?? []), c]);
    }
    const servicesOf = (list: typeof containers) => new Set(list.map((c) => c.Labels[COMPOSE_SERVICE_LABEL]));
    // The project holding most of the wanted services, running ones first.
    const ranked = [...byProject.entries()]
      .map(([project, list]) => ({
        project,
        list,
        have: p.services.filter((s) => servicesOf(list).has(s)).length,
        running: p.services.filter((s) => list.some((c) => c.Labels[COMPOSE_SERVICE_LABEL] === s && c.State === 'running')).length,
      }))
      .filter((x) => x.have > 0)
      .sort((a, b) => b.running - a.running || b.have - a.have);
    const services = p.services.join(', ');
    if (ranked.length === 0) {
      return {
        status: 'fail',
        messageId: 'noProject',
        data: { services, where: whereGraded(ctx) },
        evidence: { expected: p, actual: [...byProject.keys()], command: `docker ps -a --filter label=${COMPOSE_PROJECT_LABEL}` },
      };
    }
    const { project, list } = ranked[0]!;
    const problems: Phrase[] = [];
    const serviceStates: Record<string, string> = {};
    for (const s of p.services) {
      const mine = list.filter((c) => c.Labels[COMPOSE_SERVICE_LABEL] === s);
      serviceStates[s] = mine.map((c) => c.State).join(', ') || 'absent';
      if (mine.length === 0) problems.push(phrase('part.project.noService', { service: s }));
      else if (!mine.some((c) => c.State === 'running')) problems.push(phrase('part.project.serviceDown', { service: s, states: serviceStates[s] }));
    }
    const [networks, volumes] = await Promise.all([
      p.networks ? ctx.engine.networks() : Promise.resolve([]),
      p.volumes ? ctx.engine.volumes() : Promise.resolve([]),
    ]);
    const ofProject = (labels: Record<string, string> | null | undefined) => labels?.[COMPOSE_PROJECT_LABEL] === project;
    const netKeys = networks.filter((n) => ofProject(n.Labels)).map((n) => n.Labels?.[NETWORK_LABEL] ?? n.Name);
    const volKeys = volumes.filter((v) => ofProject(v.Labels)).map((v) => v.Labels?.[VOLUME_LABEL] ?? v.Name);
    const missingNets = (p.networks ?? []).filter((k) => !netKeys.includes(k) && !networks.some((n) => n.Name === `${project}_${k}`));
    const missingVols = (p.volumes ?? []).filter((k) => !volKeys.includes(k) && !volumes.some((v) => v.Name === `${project}_${k}`));
    if (missingNets.length) problems.push(phrase('part.project.noNetwork', { list: missingNets.join(', ') }));
    if (missingVols.length) problems.push(phrase('part.project.noVolume', { list: missingVols.join(', ') }));
    const evidence = {
      expected: { services: p.services, networks: p.networks ?? [], volumes: p.volumes ?? [] },
      actual: { project, services: serviceStates, networks: netKeys, volumes: volKeys },
      command: `docker ps -a --filter label=${COMPOSE_PROJECT_LABEL}=${project}`,
    };
    if (problems.length) return { status: 'fail', messageId: 'incomplete', data: { project, problems: joined(problems, '; ') }, evidence };
    const extra = joined(
      [
        p.networks?.length ? phrase('part.project.networks', { list: p.networks.join(', ') }) : undefined,
        p.volumes?.length ? phrase('part.project.volumes', { list: p.volumes.join(', ') }) : undefined,
      ],
      '',
    );
    return { status: 'pass', messageId: 'ok', data: { project, services, extra }, evidence };
  },
});
