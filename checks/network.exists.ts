import { defineCheckKind } from '../src/check/kind';
import { judgeNamedObject, namedObjectParams, type NamedObjectMessage, type NamedObjectParams } from '../src/check/named-object';

export default defineCheckKind<NamedObjectParams, NamedObjectMessage>({
  meta: {
    kind: 'network.exists',
    description: 'A Docker network with this name exists, with the expected driver.',
    params: namedObjectParams,
    messages: {
      ok: 'Network {{name}} exists (driver {{driver}})',
      missing: 'There is no network {{name}}',
      wrongDriver: 'Network {{name}} uses driver {{actual}}, not {{expected}}',
    },
    messagesIt: {
      ok: 'La rete {{name}} esiste (driver {{driver}})',
      missing: 'Non c’è la rete {{name}}',
      wrongDriver: 'La rete {{name}} usa il driver {{actual}}, non {{expected}}',
    },
  },
  async evaluate(p, ctx) {
    const networks = await ctx.engine.networks();
    const net = networks.find((n) => n.Name === p.name);
    return judgeNamedObject(p, {
      names: networks.map((n) => n.Name),
      ...(net ? { found: { driver: net.Driver, details: { scope: net.Scope } } } : {}),
      command: `docker network ls --filter name=^${p.name}$`,
    });
  },
});
