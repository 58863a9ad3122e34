import { testCheckKind } from '../test/support/check-tester';
import kind from './container.stats';

const params = { select: { image: 'nginx' }, memoryLimit: '256m' };
const busy = { select: { name: 'test1' }, cpuAbovePercent: 1 };

testCheckKind(kind, {
  valid: [
    {
      name: 'nginx run with --memory="256m"',
      setup: ['docker run -d -p 8080:80 --memory="256m" nginx'],
      params,
      messageId: 'ok',
      data: { reading: 'a memory limit of 256 MiB' },
    },
    { name: 'one of several nginx containers', setup: ['docker run -d nginx', 'docker run -d --memory=256m nginx'], params },
    { name: 'a container computing shows CPU use', setup: ['docker run -d --name test1 alpine sh -c "while :; do :; done"'], params: busy, messageId: 'ok' },
  ],
  invalid: [
    {
      name: 'no limit: stats report the host memory',
      setup: ['docker run -d nginx'],
      params,
      messageId: 'mismatch',
      data: { problems: 'the memory limit should be 256m' },
    },
    {
      name: '512m instead of 256m',
      setup: ['docker run -d --memory=512m nginx'],
      params,
      messageId: 'mismatch',
      data: { reading: 'a memory limit of 512 MiB' },
    },
    {
      name: 'the container is stopped',
      setup: ['docker run -d --name limited --memory=256m nginx', 'docker stop -t 0 limited'],
      params,
      messageId: 'notRunning',
    },
    {
      name: 'an idle container shows no CPU use',
      setup: ['docker run -d --name test1 alpine sleep 300'],
      params: busy,
      messageId: 'mismatch',
      data: { problems: 'CPU use should be above 1%' },
    },
  ],
});
