import { testCheckKind } from '../test/support/check-tester';
import kind from './container.top';

const mypi = '^.*python[0-9.]*\\s+(\\S*/)?mypi\\.py';
// The slide: an interactive alpine shell, python installed with apk, then `python mypi.py` in it.
const slide = [
  'docker run -itd --name test1 alpine /bin/sh',
  'docker exec test1 sh -c "apk update && apk add python2"',
  `docker exec -d test1 sh -c "echo 'print(1)' > mypi.py && python mypi.py"`,
];

testCheckKind(kind, {
  valid: [
    { name: 'python mypi.py running in test1', setup: slide, params: { select: { name: 'test1' }, process: mypi }, messageId: 'ok', data: { name: 'test1' } },
    { name: 'the main process itself', setup: ['docker run -d --name test1 alpine sleep 300'], params: { select: { name: 'test1' }, process: '^sleep 300$' } },
  ],
  invalid: [
    {
      name: 'python not started',
      setup: ['docker run -itd --name test1 alpine /bin/sh'],
      params: { select: { name: 'test1' }, process: mypi },
      messageId: 'noProcess',
      data: { commands: '`/bin/sh`' },
    },
    {
      name: 'test1 stopped',
      setup: [...slide, 'docker stop -t 0 test1'],
      params: { select: { name: 'test1' }, process: mypi },
      messageId: 'notRunning',
      data: { what: 'container test1' },
    },
    {
      name: 'another program',
      setup: ['docker run -d --name test1 alpine sleep 300'],
      params: { select: { name: 'test1' }, process: mypi },
      messageId: 'noProcess',
    },
  ],
});
