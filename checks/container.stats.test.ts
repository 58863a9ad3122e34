import { testCheckKind } from '../test/support/check-tester';
import kind from './container.stats';

const params = { select: { image: 'nginx' }, memoryLimit: '256m' };

testCheckKind(kind, {
  valid: [
    { name: 'nginx run with --memory="256m"', setup: ['docker run -d -p 8080:80 --memory="256m" nginx'], params, messageId: 'ok', data: { limit: '256 MiB' } },
    { name: 'one of several nginx containers', setup: ['docker run -d nginx', 'docker run -d --memory=256m nginx'], params },
  ],
  invalid: [
    { name: 'no limit: stats report the host memory', setup: ['docker run -d nginx'], params, messageId: 'mismatch', data: { expected: '256m' } },
    { name: '512m instead of 256m', setup: ['docker run -d --memory=512m nginx'], params, messageId: 'mismatch', data: { limit: '512 MiB' } },
    {
      name: 'the container is stopped',
      setup: ['docker run -d --name limited --memory=256m nginx', 'docker stop -t 0 limited'],
      params,
      messageId: 'notRunning',
    },
  ],
});
