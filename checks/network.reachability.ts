import { defineCheckKind, phrase } from '../src/check/kind';
import { containerName, containerSelectorSchema, describeSelector, selectContainers, type ContainerSelector } from '../src/check/container-selection';

interface Params {
  from: ContainerSelector;
  to: ContainerSelector;
  expect: 'reachable' | 'isolated';
  /** Image for the probe; default: the source container's own image (it must have ping). */
  probeImage?: string;
}

export default defineCheckKind<Params, 'reachable' | 'isolated' | 'notIsolated' | 'unreachable' | 'fromNotRunning' | 'toNotRunning' | 'noPing'>({
  meta: {
    kind: 'network.reachability',
    description:
      "Whether one container can ping another, probed from the source's network namespace (--network container:<id>) without touching the student's containers.",
    params: {
      type: 'object',
      properties: {
        from: containerSelectorSchema,
        to: containerSelectorSchema,
        expect: { type: 'string', enum: ['reachable', 'isolated'] },
        probeImage: { type: 'string', minLength: 1, nullable: true },
      },
      required: ['from', 'to', 'expect'],
      additionalProperties: false,
    },
    messages: {
      reachable: '{{from}} reaches {{to}} ({{ip}})',
      isolated: '{{from}} cannot reach {{to}} ({{ips}}), as expected',
      notIsolated: '{{from}} reaches {{to}} at {{ip}}: they share a network',
      unreachable: '{{from}} cannot reach {{to}} ({{ips}})',
      fromNotRunning: '{{what}} is not running, so nothing can be sent from it',
      toNotRunning: '{{what}} is not running',
      noPing: 'Cannot probe from {{from}}: its image has no ping ({{reason}})',
    },
    messagesIt: {
      reachable: '{{from}} raggiunge {{to}} ({{ip}})',
      isolated: '{{from}} non raggiunge {{to}} ({{ips}}), come previsto',
      notIsolated: '{{from}} raggiunge {{to}} all’indirizzo {{ip}}: sono sulla stessa rete',
      unreachable: '{{from}} non raggiunge {{to}} ({{ips}})',
      fromNotRunning: '{{what}} non è in esecuzione, quindi non può inviare nulla',
      toNotRunning: '{{what}} non è in esecuzione',
      noPing: 'Impossibile provare da {{from}}: la sua immagine non ha ping ({{reason}})',
    },
  },
  async evaluate(p, ctx) {
    const [fromAll, toAll] = await Promise.all([selectContainers(ctx.engine, p.from), selectContainers(ctx.engine, p.to)]);
    const from = fromAll.find((c) => c.State.Running);
    const to = toAll.find((c) => c.State.Running);
    if (!from) return { status: 'fail', messageId: 'fromNotRunning', data: { what: describeSelector(p.from) } };
    if (!to) return { status: 'fail', messageId: 'toNotRunning', data: { what: describeSelector(p.to) } };
    const fromName = containerName(from);
    const toName = containerName(to);
    const ips = Object.entries(to.NetworkSettings.Networks ?? {})
      .map(([net, n]) => ({ net, ip: n.IPAddress }))
      .filter((x) => x.ip);
    const results = await Promise.all(
      ips.map(async ({ net, ip }) => {
        const out = await ctx.engine.probe(
          {
            image: p.probeImage ?? from.Image,
            entrypoint: ['ping'],
            capabilities: ['NET_RAW'],
            cmd: ['-c', '1', '-W', '1', ip],
            networkMode: `container:${from.Id}`,
            // Its ICMP id (its PID) unique in the source's namespace: pings run at once, see probes.ts.
            pidMode: `container:${from.Id}`,
            timeoutMs: 6_000,
          },
          ctx.signal,
        );
        return { net, ip, out };
      }),
    );
    const broken = results.find((r) => r.out.startError || r.out.exitCode === 127);
    if (broken) {
      return { status: 'error', messageId: 'noPing', data: { from: fromName, reason: broken.out.startError ?? broken.out.stderr.trim() } };
    }
    // Count only a reply from the address pinged ("64 bytes from 172.17.0.3: …"):
    // ICMP replies reach every ping in the namespace, including the student's own.
    const repliedFrom = (ip: string, stdout: string) => new RegExp(`from ${ip.replace(/\./g, '\\.')}[:\\s]`).test(stdout);
    const rows = results.map((r) => ({ network: r.net, ip: r.ip, replied: r.out.exitCode === 0 && repliedFrom(r.ip, r.out.stdout) }));
    const ipList = ips.map((x) => x.ip).join(', ') || phrase('part.reach.noIp');
    const evidence = {
      expected: p.expect,
      actual: rows,
      command: `docker exec ${fromName} ping -c 1 -W 1 ${ips[0]?.ip ?? toName}`,
    };
    const hit = rows.find((r) => r.replied);
    const data = { from: fromName, to: toName, ips: ipList, ip: hit?.ip ?? '' };
    if (p.expect === 'reachable') {
      return hit ? { status: 'pass', messageId: 'reachable', data, evidence } : { status: 'fail', messageId: 'unreachable', data, evidence };
    }
    return hit ? { status: 'fail', messageId: 'notIsolated', data, evidence } : { status: 'pass', messageId: 'isolated', data, evidence };
  },
});
