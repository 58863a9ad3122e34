import { judgeNamedObject } from './named-object';

describe('a named object made with a driver (network.exists, volume.exists) — the verdict without an engine', () => {
  const command = 'docker network ls';

  test('there, with the driver asked for: pass, naming the driver', () => {
    const v = judgeNamedObject(
      { name: 'my-bridge', driver: 'bridge' },
      { names: ['bridge', 'my-bridge'], found: { driver: 'bridge', details: { scope: 'local' } }, command },
    );
    expect(v).toMatchObject({ status: 'pass', messageId: 'ok', data: { name: 'my-bridge', driver: 'bridge' } });
    expect(v.evidence?.actual).toEqual({ name: 'my-bridge', driver: 'bridge', scope: 'local' });
  });

  test('there, with no driver asked for: any driver passes', () => {
    expect(judgeNamedObject({ name: 'my-volume' }, { names: ['my-volume'], found: { driver: 'local', details: {} }, command }).status).toBe('pass');
  });

  test('another driver: fail, saying which', () => {
    const v = judgeNamedObject({ name: 'my-bridge', driver: 'bridge' }, { names: ['my-bridge'], found: { driver: 'macvlan', details: {} }, command });
    expect(v).toMatchObject({ status: 'fail', messageId: 'wrongDriver', data: { name: 'my-bridge', actual: 'macvlan', expected: 'bridge' } });
  });

  test('not there: fail, showing what there is', () => {
    const v = judgeNamedObject({ name: 'my-bridge' }, { names: ['bridge', 'host', 'none'], command });
    expect(v).toMatchObject({ status: 'fail', messageId: 'missing', data: { name: 'my-bridge' } });
    expect(v.evidence).toEqual({ expected: { name: 'my-bridge' }, actual: ['bridge', 'host', 'none'], command });
  });
});
