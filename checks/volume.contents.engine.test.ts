import { testCheckKind } from '../test/support/check-tester';
import kind from './volume.contents';

const written = ['docker run --name myname -v my-volume:/app ubuntu /bin/bash -c "echo kept > /app/notes.txt"'];

testCheckKind(kind, {
  valid: [
    {
      name: 'a file written through a container survives it',
      setup: [...written, 'docker rm myname'],
      params: { volume: 'my-volume', probeImage: 'ubuntu' },
      messageId: 'ok',
      data: { entries: 'notes.txt' },
    },
    { name: 'the probe image defaults to the image of a container using the volume', setup: written, params: { volume: 'my-volume', file: '^notes\\.txt$' } },
    {
      name: 'a sub-folder',
      setup: ['docker run --name myname -v my-volume:/app ubuntu /bin/bash -c "mkdir -p /app/data && touch /app/data/x"'],
      params: { volume: 'my-volume', path: '/data' },
    },
  ],
  invalid: [
    {
      name: 'nothing written',
      setup: ['docker volume create my-volume', 'docker run --name myname -v my-volume:/app ubuntu true'],
      params: { volume: 'my-volume' },
      messageId: 'empty',
    },
    {
      name: 'written elsewhere than the volume',
      setup: ['docker run --name myname -v my-volume:/app ubuntu /bin/bash -c "echo lost > /notes.txt"'],
      params: { volume: 'my-volume' },
      messageId: 'empty',
    },
    { name: 'another file', setup: written, params: { volume: 'my-volume', file: '^data\\.db$' }, messageId: 'noMatch', data: { entries: 'notes.txt' } },
    { name: 'no such folder', setup: written, params: { volume: 'my-volume', path: '/data' }, messageId: 'noPath' },
    { name: 'no such volume', params: { volume: 'my-volume', probeImage: 'ubuntu' }, messageId: 'missingVolume' },
    // The grader's problem, not the student's: nothing to read the volume with.
    {
      name: 'an unused volume and no probe image',
      setup: ['docker volume create my-volume'],
      params: { volume: 'my-volume' },
      messageId: 'noProbeImage',
      status: 'error',
    },
  ],
});
