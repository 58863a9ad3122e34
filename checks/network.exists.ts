import { defineCheckKind } from '../src/check/kind';

interface Params {
  name: string;
  /** e.g. `bridge` for a user-defined bridge. */
  driver?: string;
}

export default defineCheckKind<Params, 'ok' | 'missing' | 'wrongDriver'>({
  meta: {
    kind: 'network.exists',
    description: 'A Docker network with this name exists, with the expected driver.',
    params: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        driver: { type: 'string', minLength: 1, nullable: true },
      },
      required: ['name'],
      additionalProperties: false,
    },
    messages: {
      ok: 'Network {{name}} exists (driver {{driver}})',
      missing: 'There is no network {{name}}',
      wrongDriver: 'Network {{name}} uses driver {{actual}}, not {{expected}}',
    },
  },
  async evaluate(p, ctx) {
    const networks = await ctx.engine.networks();
    const net = networks.find((n) => n.Name === p.name);
    const command = `docker network ls --filter name=^${p.name}$`;
    if (!net) return { status: 'fail', messageId: 'missing', data: { name: p.name }, evidence: { expected: p, actual: networks.map((n) => n.Name), command } };
    const evidence = { expected: p, actual: { name: net.Name, driver: net.Driver, scope: net.Scope }, command };
    if (p.driver && net.Driver !== p.driver) {
      return { status: 'fail', messageId: 'wrongDriver', data: { name: p.name, actual: net.Driver, expected: p.driver }, evidence };
    }
    return { status: 'pass', messageId: 'ok', data: { name: p.name, driver: net.Driver }, evidence };
  },
});
