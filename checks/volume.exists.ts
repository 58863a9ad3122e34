import { defineCheckKind } from '../src/check/kind';

interface Params {
  name: string;
  /** e.g. `local`, the driver of `docker volume create`. */
  driver?: string;
}

export default defineCheckKind<Params, 'ok' | 'missing' | 'wrongDriver'>({
  meta: {
    kind: 'volume.exists',
    description: 'A Docker volume with this name exists, with the expected driver.',
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
      ok: 'Volume {{name}} exists (driver {{driver}})',
      missing: 'There is no volume {{name}}',
      wrongDriver: 'Volume {{name}} uses driver {{actual}}, not {{expected}}',
    },
  },
  async evaluate(p, ctx) {
    const volumes = await ctx.engine.volumes();
    const volume = volumes.find((v) => v.Name === p.name);
    const command = `docker volume inspect ${p.name}`;
    if (!volume) {
      const named = volumes.map((v) => v.Name).filter((n) => !/^[0-9a-f]{64}$/.test(n));
      return { status: 'fail', messageId: 'missing', data: { name: p.name }, evidence: { expected: p, actual: named, command: 'docker volume ls' } };
    }
    const evidence = { expected: p, actual: { name: volume.Name, driver: volume.Driver, mountpoint: volume.Mountpoint }, command };
    if (p.driver && volume.Driver !== p.driver) {
      return { status: 'fail', messageId: 'wrongDriver', data: { name: p.name, actual: volume.Driver, expected: p.driver }, evidence };
    }
    return { status: 'pass', messageId: 'ok', data: { name: p.name, driver: volume.Driver }, evidence };
  },
});
