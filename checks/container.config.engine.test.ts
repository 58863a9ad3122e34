import { testCheckKind } from '../test/support/check-tester';
import { composeUp, WEB_SERVER_DIR, WORDPRESS_DIR } from '../test/support/fixtures';
import kind from './container.config';

const webServer = [`docker build -q -t web_server ${WEB_SERVER_DIR}`];

testCheckKind(kind, {
  valid: [
    {
      name: 'web_server running with -p 8080:80, selected by image',
      setup: [...webServer, 'docker run -d -p 8080:80 --name=web_server web_server'],
      params: { select: { image: 'web_server' }, ports: [{ host: 8080, container: 80 }] },
      messageId: 'ok',
      data: { name: 'web_server', state: 'running' },
    },
    {
      name: 'the second of two candidates matches',
      setup: [...webServer, 'docker run -d -p 8080:80 web_server', 'docker run -d -p 8081:80 web_server'],
      params: { select: { image: 'web_server' }, ports: [{ host: 8081, container: 80 }] },
    },
    {
      name: 'test1 on the default bridge only',
      setup: ['docker run -td --name test1 alpine'],
      params: { select: { name: 'test1' }, networks: ['bridge'], onlyNetworks: true },
    },
    {
      name: 'nginx limited to 256m and half a CPU',
      setup: ['docker run -d -p 8080:80 --memory="256m" --cpus=".5" nginx'],
      params: { select: { image: 'nginx' }, memory: '256m', cpus: 0.5, ports: [{ host: 8080, container: 80 }] },
    },
    {
      name: 'compose services: network keys match <project>_<key>, named volumes',
      setup: [composeUp(WORDPRESS_DIR)],
      params: {
        select: { compose: { service: 'database' } },
        networks: ['backend'],
        onlyNetworks: true,
        noPublishedPorts: true,
        mounts: [{ destination: '/var/lib/mysql', type: 'volume', named: true, source: 'db' }],
      },
    },
    {
      name: 'an exited container whose command matches',
      setup: ['docker run ubuntu echo "hello from the container"'],
      params: { select: { image: 'ubuntu' }, state: 'exited', command: '^echo hello from the container$' },
      data: { state: 'exited' },
    },
    {
      name: 'a bind mount of …/local_data at /container_data',
      setup: ['mkdir -p /tmp/grade-test/local_data', 'docker run -d --name bm -v /tmp/grade-test/local_data/:/container_data alpine sleep 300'],
      params: { select: {}, mounts: [{ destination: '/container_data', type: 'bind', source: 'local_data' }] },
    },
    {
      name: 'an interactive bash (docker run -it ubuntu /bin/bash), exited',
      setup: ['docker run -it -d --name shell ubuntu /bin/bash', 'docker stop -t 0 shell'],
      params: { select: { image: 'ubuntu' }, state: 'any', command: '^/bin/bash$', interactive: true },
    },
    {
      name: 'restart policy and network mode',
      setup: ['docker run -d --name solo --restart=always --network=none alpine sleep 300'],
      params: { select: { name: 'solo' }, restartPolicy: 'always', networkMode: 'none' },
    },
  ],
  invalid: [
    { name: 'no such container', params: { select: { name: 'test1' } }, messageId: 'notFound', data: { what: 'container test1' } },
    {
      name: 'the container is stopped',
      setup: ['docker run -d --name test1 alpine sleep 300', 'docker stop -t 0 test1'],
      params: { select: { name: 'test1' } },
      messageId: 'mismatch',
      data: { name: 'test1', problems: 'is not running (exited)' },
    },
    {
      name: 'published on another host port',
      setup: [...webServer, 'docker run -d -p 8081:80 --name=web_server web_server'],
      params: { select: { image: 'web_server' }, ports: [{ host: 8080, container: 80 }] },
      messageId: 'mismatch',
      data: { problems: 'publishes 80 on host port 8081, not 8080' },
    },
    {
      name: 'no port published',
      setup: [...webServer, 'docker run -d --name=web_server web_server'],
      params: { select: { image: 'web_server' }, ports: [{ host: 8080, container: 80 }] },
      messageId: 'mismatch',
      data: { problems: 'does not publish host port 8080 → 80' },
    },
    {
      name: 'wrong memory limit',
      setup: ['docker run -d -p 8080:80 --memory=512m nginx'],
      params: { select: { image: 'nginx' }, memory: '256m' },
      messageId: 'mismatch',
      data: { problems: 'has memory limit 512 MiB, not 256m' },
    },
    {
      name: 'no CPU limit',
      setup: ['docker run -d nginx'],
      params: { select: { image: 'nginx' }, cpus: 0.5 },
      messageId: 'mismatch',
      data: { problems: 'has no CPU limit (expected --cpus=0.5)' },
    },
    {
      name: 'test3 on the default bridge instead of my-bridge',
      setup: ['docker network create my-bridge', 'docker run -itd --name=test3 alpine'],
      params: { select: { name: 'test3' }, networks: ['my-bridge'], onlyNetworks: true },
      messageId: 'mismatch',
      data: { problems: 'is not on network my-bridge (on bridge); is also on bridge' },
    },
    {
      name: 'an anonymous volume instead of a named one',
      setup: ['docker run -d --name myname -v /app alpine sleep 300'],
      params: { select: { name: 'myname' }, mounts: [{ destination: '/app', type: 'volume', named: true }] },
      messageId: 'mismatch',
      data: { problems: '/app is an anonymous volume, not a named one' },
    },
    {
      name: 'another volume at the right place',
      setup: ['docker run -d --name myname -v other-volume:/app alpine sleep 300'],
      params: { select: { name: 'myname' }, mounts: [{ destination: '/app', source: 'my-volume' }] },
      messageId: 'mismatch',
      data: { problems: '/app is volume other-volume, not my-volume' },
    },
    {
      name: 'restart policy no, host network',
      setup: ['docker run -d --name solo --network=host alpine sleep 300'],
      params: { select: { name: 'solo' }, restartPolicy: 'always', networkMode: 'none' },
      messageId: 'mismatch',
      data: { problems: 'has network mode host, not none; has restart policy no, not always' },
    },
    {
      name: 'bash without -it',
      setup: ['docker run --name shell ubuntu /bin/bash'],
      params: { select: { image: 'ubuntu' }, state: 'any', command: '^/bin/bash$', interactive: true },
      messageId: 'mismatch',
      data: { problems: 'was not started interactively (docker run -it)' },
    },
    {
      name: 'the database publishes a port',
      setup: ['docker run -d --name db -p 3306:3306 mysql'],
      params: { select: { name: 'db' }, noPublishedPorts: true },
      messageId: 'mismatch',
      data: { problems: 'publishes 3306→3306; it should publish nothing' },
    },
  ],
});
