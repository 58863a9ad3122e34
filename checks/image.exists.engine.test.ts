import { testCheckKind } from '../test/support/check-tester';
import kind from './image.exists';

testCheckKind(kind, {
  valid: [
    { name: 'a stand-in pulled image', params: { image: 'ubuntu' }, messageId: 'found', data: { image: 'ubuntu' } },
    {
      name: 'an image made by docker commit, named with its tag',
      setup: ['docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit src ubuntu_with_ping'],
      params: { image: 'ubuntu_with_ping:latest' },
      messageId: 'found',
    },
  ],
  invalid: [
    { name: 'no such image', params: { image: 'ubuntu_with_ping' }, messageId: 'missing', data: { image: 'ubuntu_with_ping' } },
    {
      name: 'the image exists under another tag only',
      setup: ['docker tag ubuntu ubuntu_with_ping:1.0'],
      params: { image: 'ubuntu_with_ping' },
      messageId: 'missing',
    },
    {
      name: 'a similar name is not the same image (spaces as on the slide)',
      setup: ['docker tag ubuntu ubuntu_with_ping'],
      params: { image: 'ubuntu-with-ping' },
      messageId: 'missing',
    },
  ],
});
