import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { DockerEngine } from '../../docker/engine';
import { phrase, type MessageValue, type Phrase } from '../../messages/phrase';
import type { BuildTranscript } from './build-log';

/**
 * The boundary of grade repo, in one place. A student repository is code the
 * grader builds and runs on an engine that may be shared (an instructor's
 * laptop, a CI runner): nothing in it may reach beyond its own grade.
 *
 * 1. Leftovers are taken from the engine, never from text: ids the build log
 *    prints are only candidates (see `buildLeftovers`).
 * 2. Every step has a time limit and stops on Ctrl-C (`STEP_TIME_LIMIT_MS`).
 * 3. Everything built and run has memory, CPU and process limits (`SANDBOX_LIMITS`).
 * 4. A compose file that would escape the sandbox is refused before anything
 *    starts (`composeEscapes`), and compose interpolates only the course's variables.
 * 5. No credentials are lent: builds send none, compose runs with an empty Docker config.
 */

/** Limits of every build step, container and compose service grade repo starts. */
export const SANDBOX_LIMITS = {
  memoryBytes: 1024 * 1024 * 1024,
  cpus: 1,
  pids: 512,
} as const;

/** Default time limit of one step (a build, a compose up, a down). */
export const STEP_TIME_LIMIT_MS = 10 * 60_000;

/**
 * What a grade repo run left is swept by the next run once it is this old:
 * older than any run still going could be on a shared engine (steps are
 * bounded by their time limits), so only a killed run's objects go.
 */
export const STALE_RUN_MS = 60 * 60_000;

// ---------------------------------------------------------------------------
// 1. Leftovers of a failed build, from the engine.

/** What the engine held before a build: anything in it is never the build's. */
export interface EngineBefore {
  containers: Set<string>;
  images: Set<string>;
  /** When the build started (ms). */
  at: number;
}

export async function engineBefore(engine: DockerEngine): Promise<EngineBefore> {
  const [containers, images] = await Promise.all([engine.listContainers(), engine.listImageIds()]);
  return { containers: new Set(containers.map((c) => c.Id)), images: new Set(images), at: Date.now() };
}

/** Engine time stamps are seconds apart from ours at most by clock skew on one machine: a second of slack. */
const createdSince = (created: string | number, at: number) => (typeof created === 'number' ? created * 1000 : Date.parse(created)) >= at - 1_000;

/**
 * What a failed build left: of the ids its log names, those the engine knows
 * by that id (a name like `portainer` is not an id), that did not exist before
 * the build and were created during it. Images newest first (children before
 * parents, so they can be removed in order).
 */
export async function buildLeftovers(
  engine: DockerEngine,
  transcript: BuildTranscript,
  before: EngineBefore,
): Promise<{ containers: string[]; images: string[] }> {
  const { containers, images } = transcript.candidates();
  const ownContainers: string[] = [];
  for (const id of new Set(containers)) {
    const c = await engine.inspectContainer(id).catch(() => undefined);
    if (c && c.Id.startsWith(id) && !before.containers.has(c.Id) && createdSince(c.Created, before.at)) ownContainers.push(c.Id);
  }
  const ownImages: { id: string; created: number }[] = [];
  for (const id of new Set(images)) {
    const i = await engine.inspectImage(id).catch(() => undefined);
    if (i && i.Id.startsWith(`sha256:${id}`) && !before.images.has(i.Id) && createdSince(i.Created, before.at)) {
      ownImages.push({ id: i.Id, created: Date.parse(i.Created) });
    }
  }
  return { containers: ownContainers, images: ownImages.sort((a, b) => b.created - a.created).map((i) => i.id) };
}

// ---------------------------------------------------------------------------
// 4. Compose files that would escape.

export interface Escape {
  /** 1-based line of the offending key in the compose file. */
  line: number;
  /** e.g. `services.web.privileged`. */
  path: string;
  /** Why it is refused (a phrase: shown in the run's language). */
  why: Phrase;
}

const HOST_NAMESPACES = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup'];

/** Inside `root` once resolved (no `..`, no absolute path elsewhere)? Symlinks are not followed: the repository's own files only. */
function insideRepo(root: string, base: string, p: string): boolean {
  const resolved = path.resolve(base, p);
  return resolved === root || resolved.startsWith(root + path.sep);
}

/**
 * Everything in a compose file that would let a service reach beyond the
 * repository: the host's namespaces, privileges, devices, files outside the
 * repository, and images the engine already has (a `build:` that names one
 * would re-tag it).
 */
export function composeEscapes(text: string, repoDir: string, composeFile: string, existingImage: (ref: string) => boolean): Escape[] {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const root = path.resolve(repoDir);
  const base = path.resolve(root, path.dirname(composeFile));
  const lineOf = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    return offset === undefined ? 1 : text.slice(0, offset).split('\n').length;
  };
  const escapes: Escape[] = [];
  const refuse = (node: Node | null | undefined, where: string, why: Phrase) => escapes.push({ line: lineOf(node), path: where, why });
  const contents = doc.contents;
  if (!isMap(contents)) return escapes;
  const pairOf = (map: Node | null | undefined, key: string) => (isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined);
  const scalar = (n: unknown): string | undefined => (isScalar(n) ? String(n.value) : undefined);

  const outside = (node: Node | null | undefined, where: string, p: string | undefined, what: MessageValue) => {
    if (p !== undefined && !insideRepo(root, base, p)) refuse(node, where, phrase('part.escape.outside', { what, path: p }));
  };

  const services = pairOf(contents, 'services')?.value;
  if (isMap(services)) {
    for (const item of services.items) {
      const name = scalar(item.key) ?? '?';
      const svc = item.value;
      if (!isMap(svc)) continue;
      const at = (key: string) => pairOf(svc, key);
      const sp = `services.${name}`;
      const privileged = at('privileged');
      if (privileged && scalar(privileged.value) === 'true') refuse(privileged.key as Node, `${sp}.privileged`, phrase('part.escape.privileged'));
      for (const ns of HOST_NAMESPACES) {
        const pair = at(ns);
        if (pair && scalar(pair.value) === 'host')
          refuse(pair.key as Node, `${sp}.${ns}`, phrase('part.escape.hostNamespace', { key: ns, namespace: ns.replace('_mode', '') }));
        if (pair && /^(container|service):/.test(scalar(pair.value) ?? '') && ns !== 'network_mode') {
          refuse(pair.key as Node, `${sp}.${ns}`, phrase('part.escape.joinsNamespace', { key: ns, value: scalar(pair.value) }));
        }
      }
      for (const key of ['cap_add', 'devices', 'device_cgroup_rules']) {
        const pair = at(key);
        if (pair) refuse(pair.key as Node, `${sp}.${key}`, phrase('part.escape.tooMuch', { key }));
      }
      const security = at('security_opt');
      if (isSeq(security?.value)) {
        for (const opt of security.value.items) {
          if (/unconfined|^label[:=]disable/.test(scalar(opt) ?? ''))
            refuse(opt as Node, `${sp}.security_opt`, phrase('part.escape.securityOpt', { option: scalar(opt) }));
        }
      }
      const volumes = at('volumes');
      if (isSeq(volumes?.value)) {
        for (const v of volumes.value.items) {
          // Short syntax SOURCE:TARGET[:MODE], or the long syntax's source of a bind.
          const short = scalar(v);
          const source =
            short !== undefined
              ? short.includes(':')
                ? short.split(':')[0]
                : undefined
              : isMap(v) && scalar(pairOf(v, 'type')?.value) === 'bind'
                ? scalar(pairOf(v, 'source')?.value)
                : undefined;
          if (source !== undefined && /^[./~]/.test(source)) {
            if (source.startsWith('~'))
              refuse(v as Node, `${sp}.volumes`, phrase('part.escape.outside', { what: phrase('part.escape.bindMount'), path: source }));
            else outside(v as Node, `${sp}.volumes`, source, phrase('part.escape.bindMount'));
          }
        }
      }
      const envFile = at('env_file');
      const envFiles = isSeq(envFile?.value) ? envFile.value.items : envFile ? [envFile.value] : [];
      for (const f of envFiles) outside(f as Node, `${sp}.env_file`, scalar(f) ?? scalar(pairOf(f as Node, 'path')?.value), 'env_file');
      const build = at('build');
      if (build) {
        const context = scalar(build.value) ?? scalar(pairOf(build.value as Node, 'context')?.value) ?? '.';
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@'))
          refuse(build.value as Node, `${sp}.build`, phrase('part.escape.remoteContext', { context }));
        else outside(build.value as Node, `${sp}.build`, context, phrase('part.escape.buildContext'));
        const image = scalar(at('image')?.value);
        if (image && existingImage(image)) {
          refuse(at('image')!.key as Node, `${sp}.image`, phrase('part.escape.retag', { image }));
        }
      }
    }
  }
  for (const top of ['secrets', 'configs']) {
    const section = pairOf(contents, top)?.value;
    if (!isMap(section)) continue;
    for (const item of section.items) {
      const file = pairOf(item.value as Node, 'file');
      outside(
        file?.value as Node,
        `${top}.${scalar(item.key)}.file`,
        scalar(file?.value),
        phrase(top === 'secrets' ? 'part.escape.secretFile' : 'part.escape.configFile'),
      );
    }
  }
  return escapes.sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------
// 4 and 5. What compose sees of the grader: only what it needs.

/**
 * The environment of every compose command: how to reach the engine, an empty
 * Docker config (no registry credentials), and the course's variables for
 * `${VAR}` interpolation. Nothing else of the grader's environment (HOME,
 * tokens, CI secrets) is visible to a compose file.
 */
export function composeEnvironment(grader: NodeJS.ProcessEnv, courseVars: Readonly<Record<string, string>>, emptyDockerConfig: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: grader.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: emptyDockerConfig, DOCKER_CONFIG: emptyDockerConfig };
  for (const key of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) if (grader[key]) env[key] = grader[key];
  for (const [name, value] of Object.entries(courseVars)) env[name.toUpperCase()] = value;
  return env;
}

/** An empty folder for DOCKER_CONFIG: compose and the docker CLI find no credentials in it. */
export function emptyDockerConfigDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'grade-repo-docker-config-'));
}
