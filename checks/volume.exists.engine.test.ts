import { testCheckKind } from '../test/support/check-tester';
import kind from './volume.exists';

testCheckKind(kind, {
  valid: [
    {
      name: 'docker volume create my-volume',
      setup: ['docker volume create my-volume'],
      params: { name: 'my-volume', driver: 'local' },
      messageId: 'ok',
      data: { driver: 'local' },
    },
    { name: 'created by docker run -v on first use', setup: ['docker run --name myname -v my-volume:/app ubuntu true'], params: { name: 'my-volume' } },
  ],
  invalid: [
    { name: 'never created', params: { name: 'my-volume' }, messageId: 'missing' },
    { name: 'another name', setup: ['docker volume create my_volume'], params: { name: 'my-volume' }, messageId: 'missing' },
    {
      name: 'an anonymous volume is not my-volume',
      setup: ['docker run --name myname -v /app ubuntu true'],
      params: { name: 'my-volume' },
      messageId: 'missing',
    },
    {
      name: 'another driver',
      setup: ['docker volume create my-volume'],
      params: { name: 'my-volume', driver: 'nfs' },
      messageId: 'wrongDriver',
      data: { actual: 'local', expected: 'nfs' },
    },
  ],
});
