import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkKinds } from '../../checks';
import { configProblems } from '../../checks/container.config';
import composeFile from '../../checks/compose.file';
import dockerfilePractices from '../../checks/dockerfile.practices';
import { readOrigin } from '../../checks/image.history';
import repoStep from '../../checks/repo.step';
import { evaluateRepoKind } from '../../test/support/repo-kind-tester';
import { describeSelector } from '../check/container-selection';
import { joined, type MessageData } from '../check/kind';
import { registryFailure } from '../check/registry-verdicts';
import { whereGraded } from '../check/where-graded';
import { DockerEngine, type ContainerDetails } from '../docker/engine';
import { RegistryClient, RegistryError } from '../registry/registry-client';
import { defaultExercisesDir } from '../package/package-info';
import { loadExercises } from '../exercise/load';
import { missingTranslations } from '../exercise/localize';
import type { RepoSpec } from '../exercise/exercise';
import { RepoStage } from '../grading-target/repo/repo-stage';
import { KnownHosts } from '../ssh/known-hosts';
import { HostError, SshSession } from '../ssh/ssh-session';
import { areas, catalog, languages, renderMessage, renderValue, type Lang } from './catalog';
import { kindMessageTemplate } from '../check/kind-messages';

/** `{{name}}` placeholders of a template, sorted: a translation must fill the same ones. */
const placeholders = (template: string) => [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('every message in every language', () => {
  test('the tool’s catalogue: each id in each language, not empty, with the same placeholders', () => {
    const ids = new Set(languages.flatMap((l) => Object.keys(catalog[l])));
    const problems: string[] = [];
    for (const id of ids) {
      for (const lang of languages) {
        const text = (catalog[lang] as Record<string, string | undefined>)[id];
        if (!text?.trim()) problems.push(`${id}: no ${lang}`);
        else if (placeholders(text).join() !== placeholders((catalog.en as Record<string, string>)[id] ?? '').join())
          problems.push(`${id}: ${lang} placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('each id is said by one area only, in both languages (a second area with the same id would hide the first)', () => {
    const seen = new Map<string, number>();
    for (const area of areas) for (const id of Object.keys(area.en)) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
    for (const area of areas) expect(Object.keys(area.it).sort()).toEqual(Object.keys(area.en).sort());
    expect(Object.keys(catalog.en)).toHaveLength(seen.size);
    expect(seen.size).toBeGreaterThan(700);
  });

  test('check kinds: each message id has its Italian, with the same placeholders, and nothing translated that no kind has', () => {
    const problems: string[] = [];
    const kindMessagesIt = italianOfKinds();
    for (const [name, kind] of Object.entries(checkKinds)) {
      for (const [id, en] of Object.entries(kind.meta.messages as Record<string, string>)) {
        const it = kindMessagesIt[name]?.[id];
        if (!it?.trim()) problems.push(`${name}.${id}: no it`);
        else if (placeholders(it).join() !== placeholders(en).join())
          problems.push(`${name}.${id}: it placeholders ${placeholders(it)} ≠ en ${placeholders(en)}`);
      }
    }
    for (const [name, ids] of Object.entries(kindMessagesIt)) {
      for (const id of Object.keys(ids)) if (!(id in (checkKinds[name]?.meta.messages ?? {}))) problems.push(`${name}.${id}: translated, but no such message`);
    }
    expect(problems).toEqual([]);
  });

  test('the shipped exercises carry Italian titles and hints next to the English ones', () => {
    const missing = loadExercises(defaultExercisesDir).flatMap((e) => missingTranslations(e).map((p) => `${e.id}: ${p}`));
    expect(missing).toEqual([]);
  });
});

/** Each kind's Italian messages (meta.messagesIt, beside its English), by kind. */
function italianOfKinds(): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(checkKinds).map(([name, kind]) => [name, kind.meta.messagesIt as Record<string, string>]));
}

/**
 * Words that only an English piece would put into a sentence. Course terms the
 * Italian keeps (container, volume, bridge, layer, registry, tag) and docker
 * commands are not among them.
 */
const ENGLISH =
  /\b(is|are|was|has|have|not|the|of|and|on|from|with|should|expected|running|publishes|publish|mounted|named|declared|wanted|nothing|none|later|page|titled|empty|waiting|taken|trust|steps|committed|started|ago|read|differs|there|here|more|no such|absent|service|services|network|networks|volumes|ports|mounts|limit|memory|above|keeps|comes|also|its|it|in its|anonymous|default|valid|project|configuration)\b/i;
/** Text a test passes in, standing for names the student chose: never English words. */
const NAME = 'zz1';

/** Docker's own words stay as typed: `commands`, options (-it, --cpus=0.5), compose keys (volumes:) and key paths (services.web.ports); "quoted" slide titles and pages too. */
const withoutDockerWords = (text: string) =>
  text
    .replace(/`[^`]*`/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/(^|\s|\()--?[\w.=-]+/g, '$1')
    .replace(/\b(services|networks|volumes):(?=[\s;,]|$)/g, '')
    .replace(/\b(services|secrets|configs)\.[\w.-]+/g, '');
const englishIn = (text: string) => ENGLISH.exec(withoutDockerWords(text))?.[0];

describe('no English piece inside an Italian message', () => {
  test('every piece (part.*) of the catalogue and every Italian kind message renders without English words; the English pieces do have them', () => {
    const problems: string[] = [];
    for (const id of Object.keys(catalog.it).filter((k) => k.startsWith('part.')) as (keyof typeof catalog.it)[]) {
      const data = Object.fromEntries(placeholders(catalog.en[id]).map((k) => [k, NAME]));
      const it = renderMessage('it', catalog.it[id], data);
      if (englishIn(it)) problems.push(`${id}: "${it}" has "${englishIn(it)}"`);
    }
    for (const [kind, ids] of Object.entries(italianOfKinds())) {
      for (const [id, template] of Object.entries(ids)) {
        const it = renderMessage('it', template, Object.fromEntries(placeholders(template).map((k) => [k, NAME])));
        if (englishIn(it)) problems.push(`${kind}.${id}: "${it}" has "${englishIn(it)}"`);
      }
    }
    expect(problems).toEqual([]);
    // The detector does see the English ones: this test cannot pass by detecting nothing.
    const englishPieces = Object.keys(catalog.en).filter((k) => k.startsWith('part.') && englishIn(catalog.en[k as keyof typeof catalog.en]));
    expect(englishPieces.length).toBeGreaterThan(60);
  });

  /** A kind's message rendered in a language, as the runner renders it. */
  const render = (kind: string, messageId: string, data: MessageData | undefined, lang: Lang) =>
    renderMessage(lang, kindMessageTemplate(checkKinds[kind]!.meta, messageId, lang) ?? messageId, data);

  function expectItalian(kind: string, messageId: string, data: MessageData | undefined) {
    const it = render(kind, messageId, data, 'it');
    const en = render(kind, messageId, data, 'en');
    expect({ it, english: englishIn(it) ?? null }).toEqual({ it, english: null });
    expect(it).not.toMatch(/\{\{|\[object/);
    // The same data in English is English: the check above is about the pieces, not the names.
    expect({ en, english: englishIn(en) !== undefined }).toEqual({ en, english: true });
  }

  test('container.config: where it looked, which container, and every configuration problem', () => {
    const exited = {
      Id: 'c1',
      Name: '/zz1',
      Path: 'sleep',
      Args: ['1'],
      Config: { Image: 'zz1', Labels: {}, Tty: true, OpenStdin: true },
      State: { Running: false, Status: 'exited', StartedAt: '', FinishedAt: '' },
      HostConfig: { NetworkMode: 'host', Memory: 512 * 1024 * 1024, RestartPolicy: { Name: 'no' }, PortBindings: { '80/tcp': [{ HostPort: '8081' }] } },
      NetworkSettings: { Networks: { zz2: {} }, Ports: {} },
      Mounts: [
        { Type: 'bind', Source: '/tmp/zz3', Destination: '/zz4' },
        { Type: 'volume', Name: 'a'.repeat(64), Source: '', Destination: '/zz5' },
        { Type: 'volume', Name: 'zz6', Source: '', Destination: '/zz7' },
      ],
    } as unknown as ContainerDetails;
    const problems = configProblems(exited, {
      select: { name: NAME },
      ports: [
        { host: 8080, container: 80 },
        { host: 9090, container: 90 },
      ],
      memory: '256m',
      cpus: 0.5,
      networks: ['zz8'],
      minNetworks: 2,
      networkMode: 'zz3',
      restartPolicy: 'always',
      command: '^zz9',
      interactive: false,
      mounts: [{ destination: '/zz0' }, { destination: '/zz4', type: 'volume' }, { destination: '/zz5', named: true }, { destination: '/zz7', source: 'zz1' }],
    });
    expect(problems.length).toBeGreaterThanOrEqual(13);
    expectItalian('container.config', 'mismatch', { name: NAME, problems: joined(problems, '; ') });
    const running = {
      ...exited,
      State: { ...exited.State, Running: true, Status: 'running' },
      HostConfig: { NetworkMode: 'default' },
    } as unknown as ContainerDetails;
    const more = configProblems(running, { select: {}, state: 'exited', cpus: 1, networks: ['zz2', 'zz8'], onlyNetworks: true, interactive: true });
    expectItalian('container.config', 'mismatch', { name: NAME, problems: joined(more, '; ') });
    for (const select of [
      { name: NAME },
      { image: NAME },
      { name: NAME, image: NAME },
      { compose: { service: NAME } },
      { compose: { service: NAME, project: NAME }, image: NAME },
    ]) {
      for (const repo of [undefined, {}]) {
        expectItalian('container.config', 'notFound', { what: describeSelector(select), where: whereGraded({ repo } as never) });
      }
    }
  });

  test('compose.file: what a compose file lacks, and what it declares', async () => {
    const files = {
      'docker-compose.yml':
        'services:\n  zz1:\n    image: zz1\n    ports: ["8081:80"]\n    volumes: ["/zz3"]\n  zz2:\n    image: zz2\n    networks: [zz4]\nnetworks:\n  zz4: {}\n',
    };
    const params = {
      services: ['zz1', 'zz9'],
      networks: ['zz4', 'zz5'],
      volumes: ['zz6'],
      attach: [
        { service: 'zz1', networks: ['zz4'] },
        { service: 'zz2', networks: ['zz5'], only: true },
      ],
      ports: [{ service: 'zz1', host: 8080, container: 80 }],
      noPorts: ['zz1'],
      mounts: [
        { service: 'zz1', target: '/zz3', named: true },
        { service: 'zz2', target: '/zz7' },
      ],
    };
    const failed = await evaluateRepoKind(composeFile, { name: 'all wrong', files, params, messageId: 'problems' });
    expect(failed.messageId).toBe('problems');
    expectItalian('compose.file', 'problems', failed.data);
    const passed = await evaluateRepoKind(composeFile, {
      name: 'fine',
      files,
      params: { services: ['zz1'], networks: ['zz4'], attach: [{ service: 'zz2', networks: ['zz4'] }] },
      messageId: 'ok',
    });
    expect(passed.messageId).toBe('ok');
    expectItalian('compose.file', 'ok', passed.data);
  });

  test('dockerfile.practices: each piece of advice', async () => {
    const dockerfile =
      'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y apache2\nENV DB_PASSWORD=zz1\nRUN apache2ctl -D FOREGROUND\nRUN apt-get install -y mysql-server\n';
    const v = await evaluateRepoKind(dockerfilePractices, { name: 'all advice', files: { Dockerfile: dockerfile }, params: {}, messageId: 'advice' });
    expect(v.messageId).toBe('advice');
    expect(renderValue('en', v.data!.findings).split('; ').length).toBeGreaterThanOrEqual(4);
    expectItalian('dockerfile.practices', 'advice', v.data);
  });

  test('image.history: how an image was made, as the grader saw it', () => {
    const row = (CreatedBy: string) => ({ Id: 'x', Created: 0, CreatedBy, Tags: null, Size: 0, Comment: '' });
    const readings = [
      readOrigin([row('/bin/sh -c #(nop)  CMD ["zz1"]')], undefined),
      readOrigin([row('RUN /bin/sh -c zz1 # buildkit')], undefined),
      readOrigin([row('/bin/sh -c zz1')], undefined),
      readOrigin([row('/bin/sh -c zz1')], { ContainerConfig: { Image: `sha256:${'a'.repeat(64)}`, Cmd: ['zz1'] }, Config: { Cmd: ['zz2'] } } as never),
      readOrigin([row('zz1')], { ContainerConfig: { Image: 'zz1', Cmd: ['zz1'] }, Config: { Cmd: ['zz1'] } } as never),
      readOrigin([row('zz1')], { ContainerConfig: { Cmd: ['zz1'] }, Config: { Cmd: ['zz1'] } } as never),
    ];
    for (const r of readings) expectItalian('image.history', 'wrongOrigin', { image: NAME, actual: 'docker build', expected: 'docker commit', seen: r.seen });
  });

  test('registry kinds: why the registry said no, and when to try again', () => {
    const cases = [
      new RegistryError('notFound', 'x', { code: 'MANIFEST_UNKNOWN' }),
      new RegistryError('notFound', 'x', { code: 'NAME_UNKNOWN' }),
      new RegistryError('rateLimited', 'x', {}),
      new RegistryError('rateLimited', 'x', { retryAfterSeconds: 30 }),
      new RegistryError('rateLimited', 'x', { retryAfterSeconds: 600 }),
      new RegistryError('rateLimited', 'x', { retryAfterSeconds: 10_000 }),
    ];
    for (const e of cases) {
      const v = registryFailure(e, NAME, `docker manifest inspect ${NAME}`);
      const text = renderValue('it', (v.data ?? {}).reason === 'x' ? v.data!.wait : v.data!.reason);
      expect({ text, english: englishIn(text) ?? null }).toEqual({ text, english: null });
    }
  });

  test('registry kinds: the registry client’s own words when the registry is busy, down or away (a real server on loopback)', async () => {
    const server = http.createServer((req, res) => {
      if (req.url?.includes('busy')) res.writeHead(429, { 'retry-after': '30' }).end();
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const failures = await Promise.all(
        [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}`, 'http://127.0.0.1:1'].map((baseUrl, i) =>
          new RegistryClient({ baseUrl, timeoutMs: 5_000 }).headManifest(i === 0 ? 'zz1/busy' : 'zz1/zz2', 'zz3').catch((e: unknown) => e),
        ),
      );
      expect(failures.map((e) => (e as RegistryError).kind)).toEqual(['rateLimited', 'unavailable', 'unavailable']);
      for (const e of failures) {
        const v = registryFailure(e, NAME, `docker manifest inspect ${NAME}`);
        expectItalian('registry.tag', v.messageId, v.data);
      }
    } finally {
      server.close();
    }
  });

  test('repo.step: why grade repo did not run a step, and why it refused a compose file, as RepoStage says them', async () => {
    // These paths decide before any engine call: an engine at a socket that does not exist proves it (any call would fail).
    const noEngine = new DockerEngine({
      endpoint: 'unix:///nonexistent/docker.sock',
      options: { socketPath: '/nonexistent/docker.sock' },
      publishedHost: '127.0.0.1',
    });
    const stateOf = async (spec: Omit<RepoSpec, 'requires'>, files: Record<string, string>) => {
      const stage = new RepoStage({
        dir: defaultExercisesDir,
        spec: { requires: [], ...spec },
        runId: '0123abcd',
        exerciseId: NAME,
        engine: noEngine,
        publishedHost: '127.0.0.1',
        env: {},
        vars: {},
        firstExisting: (candidates) => candidates.find((c) => c in files),
        readFile: (file) => files[file],
      });
      try {
        return await stage.up();
      } finally {
        await stage.down();
      }
    };
    const nothing = await stateOf(
      { build: { dockerfile: 'zz1.Dockerfile', image: NAME }, run: { ports: [{ host: 8080, container: 80 }] }, compose: { files: ['zz1.yml', 'zz2.yml'] } },
      {},
    );
    const noRun = await stateOf({ compose: { files: ['zz1.yml'] } }, {});
    const reasons = [nothing.skipped.build, nothing.skipped.run, nothing.skipped.compose, noRun.skipped.build, noRun.skipped.run];
    expect(reasons.every((r) => r !== undefined)).toBe(true);
    for (const reason of reasons) expectItalian('repo.step', 'notRun', { step: 'build', reason });

    const escaping = [
      'services:',
      '  zz1:',
      '    image: zz1',
      '    privileged: true',
      '    pid: host',
      '    ipc: "container:zz2"',
      '    cap_add: [ALL]',
      '    security_opt: ["seccomp:unconfined"]',
      '    volumes: ["~/zz3:/zz3", "../zz4:/zz4"]',
      '    env_file: ../zz5',
      '  zz6:',
      '    build: https://zz7.example/zz7.git',
      '  zz8:',
      '    build: ../zz9',
      'secrets:',
      '  zz1:',
      '    file: ../zz1',
      'configs:',
      '  zz2:',
      '    file: ../zz2',
    ].join('\n');
    const refused = await stateOf({ compose: { files: ['zz1.yml'] } }, { 'zz1.yml': escaping });
    const summary = refused.steps.compose!.summary;
    expect(renderValue('en', summary).split('; ').length).toBeGreaterThanOrEqual(11);
    const v = await evaluateRepoKind(repoStep, { name: 'refused', steps: refused.steps, params: { step: 'compose' }, messageId: 'failed' });
    expect(v.messageId).toBe('failed');
    expectItalian('repo.step', 'failed', v.data);
  });

  test('grade batch: why a host could not be graded, in grade’s own words (no SSH server on loopback, no key, no agent)', async () => {
    const security = { knownHosts: new KnownHosts('/nonexistent/known_hosts'), acceptNew: false };
    const at = { host: '127.0.0.1', port: 1, user: NAME };
    const failures = await Promise.all([
      SshSession.open(at, security, 2_000, { SSH_AUTH_SOCK: '/nonexistent/agent' }).catch((e: unknown) => e),
      SshSession.open(at, security, 2_000, {}).catch((e: unknown) => e),
      SshSession.open({ ...at, identityFile: '/nonexistent/zz1' }, security, 2_000, {}).catch((e: unknown) => e),
    ]);
    for (const e of failures) {
      expect(e).toBeInstanceOf(HostError);
      const said = (e as HostError).said!;
      const it = renderValue('it', said);
      const en = renderValue('en', said);
      expect({ it, english: englishIn(it) ?? null }).toEqual({ it, english: null });
      // English stays the message it was; Italian is another text (the detector's word list does not cover every English line).
      expect({ en, translated: en !== it, same: en === (e as HostError).message }).toEqual({ en, translated: true, same: true });
    }
  });
});
