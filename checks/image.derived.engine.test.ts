import { testCheckKind } from '../test/support/check-tester';
import { WEB_SERVER_DIR } from '../test/support/fixtures';
import kind from './image.derived';

const commitPing = ['docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit src ubuntu_with_ping'];

testCheckKind(kind, {
  valid: [
    {
      name: 'a container of ubuntu committed as ubuntu_with_ping',
      setup: commitPing,
      params: { image: 'ubuntu_with_ping', base: 'ubuntu' },
      messageId: 'derived',
      data: { baseLayers: 1, extra: 1 },
    },
    {
      name: 'web_server built FROM ubuntu',
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', base: 'ubuntu' },
      messageId: 'derived',
    },
    {
      name: 'a re-tag, when strict is off',
      setup: ['docker tag ubuntu ubuntu_copy'],
      params: { image: 'ubuntu_copy', base: 'ubuntu', strict: false },
      data: { extra: 0 },
    },
  ],
  invalid: [
    {
      name: 'docker tag ubuntu ubuntu_with_ping is a copy, not an extension',
      setup: ['docker tag ubuntu ubuntu_with_ping'],
      params: { image: 'ubuntu_with_ping', base: 'ubuntu' },
      messageId: 'sameLayers',
    },
    {
      name: 'an alpine container committed as ubuntu_with_ping',
      setup: ['docker run --name src alpine true', 'docker commit src ubuntu_with_ping'],
      params: { image: 'ubuntu_with_ping', base: 'ubuntu' },
      messageId: 'notDerived',
      data: { index: 1 },
    },
    { name: 'the image is missing', params: { image: 'ubuntu_with_ping', base: 'ubuntu' }, messageId: 'missing' },
    { name: 'the base is missing', params: { image: 'ubuntu', base: 'no_such_base' }, messageId: 'baseMissing', data: { base: 'no_such_base' } },
  ],
});
