import { testCheckKind } from '../test/support/check-tester';
import kind from './network.exists';

testCheckKind(kind, {
  valid: [
    {
      name: 'docker network create my-bridge',
      setup: ['docker network create my-bridge'],
      params: { name: 'my-bridge', driver: 'bridge' },
      messageId: 'ok',
      data: { driver: 'bridge' },
    },
    { name: 'the default bridge', params: { name: 'bridge' } },
  ],
  invalid: [
    { name: 'not created', params: { name: 'my-bridge', driver: 'bridge' }, messageId: 'missing' },
    { name: 'a name that differs by case', setup: ['docker network create My-Bridge'], params: { name: 'my-bridge' }, messageId: 'missing' },
    { name: 'another driver', params: { name: 'none', driver: 'bridge' }, messageId: 'wrongDriver', data: { actual: 'null', expected: 'bridge' } },
  ],
});
