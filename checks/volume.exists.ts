import { defineCheckKind } from '../src/check/kind';
import { judgeNamedObject, namedObjectParams, type NamedObjectMessage, type NamedObjectParams } from '../src/check/named-object';

export default defineCheckKind<NamedObjectParams, NamedObjectMessage>({
  meta: {
    kind: 'volume.exists',
    description: 'A Docker volume with this name exists, with the expected driver.',
    params: namedObjectParams,
    messages: {
      ok: 'Volume {{name}} exists (driver {{driver}})',
      missing: 'There is no volume {{name}}',
      wrongDriver: 'Volume {{name}} uses driver {{actual}}, not {{expected}}',
    },
    messagesIt: {
      ok: 'Il volume {{name}} esiste (driver {{driver}})',
      missing: 'Non c’è il volume {{name}}',
      wrongDriver: 'Il volume {{name}} usa il driver {{actual}}, non {{expected}}',
    },
  },
  async evaluate(p, ctx) {
    const volumes = await ctx.engine.volumes();
    const volume = volumes.find((v) => v.Name === p.name);
    return judgeNamedObject(p, {
      // Anonymous volumes (64 hex digits) are noise in what the student is shown.
      names: volumes.map((v) => v.Name).filter((n) => !/^[0-9a-f]{64}$/.test(n)),
      ...(volume ? { found: { driver: volume.Driver, details: { mountpoint: volume.Mountpoint } } } : {}),
      command: volume ? `docker volume inspect ${p.name}` : 'docker volume ls',
    });
  },
});
