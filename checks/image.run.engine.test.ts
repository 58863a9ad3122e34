import { testCheckKind } from '../test/support/check-tester';
import { WEB_SERVER_DIR } from '../test/support/fixtures';
import kind from './image.run';

const commitPing = ['docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit src ubuntu_with_ping'];
const ping = { image: 'ubuntu_with_ping', command: ['ping', '-c', '1', '127.0.0.1'], network: 'none' as const };

testCheckKind(kind, {
  valid: [
    { name: 'ping on loopback in the committed image', setup: commitPing, params: ping, messageId: 'ok', data: { exitCode: 0 } },
    {
      name: "the slide's greeting in web_server's index.html",
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', command: ['cat', '/var/www/html/index.html'], stdout: 'Hello from a web server running inside a container!' },
    },
    { name: 'an expected non-zero exit status', params: { image: 'ubuntu', command: ['sh', '-c', 'exit 3'], exitCode: 3 }, data: { exitCode: 3 } },
  ],
  invalid: [
    {
      name: 'docker tag ubuntu ubuntu_with_ping has no ping',
      setup: ['docker tag ubuntu ubuntu_with_ping'],
      params: ping,
      messageId: 'cannotStart',
      data: { reason: 'executable file not found in $PATH' },
    },
    {
      name: 'ping installed in one container, another one committed',
      setup: [
        'docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"',
        'docker run --name other ubuntu true',
        'docker commit other ubuntu_with_ping',
      ],
      params: ping,
      messageId: 'cannotStart',
    },
    {
      name: 'wrong exit status',
      params: { image: 'ubuntu', command: ['sh', '-c', 'echo oops; exit 2'] },
      messageId: 'exitCode',
      data: { actual: 2, expected: 0, output: 'oops' },
    },
    {
      name: 'output does not match',
      params: { image: 'ubuntu', command: ['echo', 'goodbye'], stdout: '^hello' },
      messageId: 'stdout',
      data: { output: 'goodbye' },
    },
    {
      name: 'a command that never ends is stopped at its time limit',
      params: { image: 'ubuntu', command: ['sleep', '60'], timeoutMs: 1000 },
      messageId: 'timedOut',
      data: { seconds: 1 },
    },
    // Probes run with --network none: nothing but loopback.
    { name: 'a probe cannot reach the network', params: { image: 'alpine', command: ['ping', '-c', '1', '-W', '1', '172.17.0.1'] }, messageId: 'exitCode' },
    { name: 'the image is missing', params: ping, messageId: 'missing' },
  ],
});
