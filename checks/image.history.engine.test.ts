import { testCheckKind } from '../test/support/check-tester';
import { copyFixture, WEB_SERVER_DIR } from '../test/support/fixtures';
import kind from './image.history';

const commitPing = ['docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit src ubuntu_with_ping'];
const apache = [{ label: 'apache2 installed by apt', pattern: 'apt(-get)?\\s+(\\S+\\s+)*install\\b.*\\bapache2\\b' }];

testCheckKind(kind, {
  valid: [
    {
      name: 'apt update and install chained in one RUN',
      setup: [
        `docker build -q -t web_server ${copyFixture(WEB_SERVER_DIR, { Dockerfile: (d) => d.replace('RUN apt update\nRUN apt install -y apache2', 'RUN apt update && apt install -y apache2') })}`,
      ],
      params: { image: 'web_server', atMost: [{ label: 'RUN steps running apt', pattern: '\\bapt(-get)?\\s', max: 1 }] },
      data: { what: '1 RUN steps running apt' },
    },
    {
      name: 'docker commit of a modified ubuntu container',
      setup: commitPing,
      params: { image: 'ubuntu_with_ping', base: 'ubuntu', origin: 'commit' },
      messageId: 'ok',
      data: { what: 'docker commit' },
    },
    {
      name: "the slide's Dockerfile, legacy builder",
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', origin: 'build', steps: apache },
    },
    // Debian's docker.io client has BuildKit built in; its history rows read differently.
    {
      name: "the slide's Dockerfile, BuildKit",
      setup: [`DOCKER_BUILDKIT=1 /usr/bin/docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', origin: 'build', steps: apache },
    },
    {
      name: 'apt-get counts as apt',
      setup: [
        `docker build -q -t web_server ${copyFixture(WEB_SERVER_DIR, { Dockerfile: (d) => d.replace('apt install -y apache2', 'apt-get install -y apache2') })}`,
      ],
      params: { image: 'web_server', steps: apache },
    },
  ],
  invalid: [
    {
      name: "the slide's two RUN apt steps are two layers",
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', atMost: [{ label: 'RUN steps running apt', pattern: '\\bapt(-get)?\\s', max: 1 }] },
      messageId: 'tooMany',
      data: { count: 2, max: 1 },
    },
    {
      name: 'a committed image is not a build',
      setup: commitPing,
      params: { image: 'ubuntu_with_ping', origin: 'build' },
      messageId: 'wrongOrigin',
      data: { actual: 'docker commit' },
    },
    {
      name: 'a built image is not a commit',
      setup: [`docker build -q -t ubuntu_with_ping ${WEB_SERVER_DIR}`],
      params: { image: 'ubuntu_with_ping', base: 'ubuntu', origin: 'commit' },
      messageId: 'wrongOrigin',
    },
    {
      name: 'the build installs something else',
      setup: [
        `docker build -q -t web_server ${copyFixture(WEB_SERVER_DIR, { Dockerfile: (d) => d.replace('apt install -y apache2', 'apt install -y iputils-ping') })}`,
      ],
      params: { image: 'web_server', origin: 'build', steps: apache },
      messageId: 'missingSteps',
      data: { steps: 'apache2 installed by apt' },
    },
    {
      name: 'a re-tag has no steps of its own',
      setup: ['docker tag ubuntu ubuntu_with_ping'],
      params: { image: 'ubuntu_with_ping', base: 'ubuntu', origin: 'commit' },
      messageId: 'noOwnRows',
    },
    { name: 'the image is missing', params: { image: 'ubuntu_with_ping', origin: 'commit' }, messageId: 'missing' },
  ],
});
