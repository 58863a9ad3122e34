import { exerciseSuite } from '../support/exercise-suite';
import { shell } from '../support/shell';

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
exerciseSuite('memory_limits', [
  {
    name: '--memory=512m instead of 256m',
    setup: ['docker run -d -p 8080:80 --memory=512m nginx', 'docker run -d -p 8081:80 --cpus=".5" nginx'],
    statuses: { memory: 'fail', stats: 'skip', published: 'skip', cpus: 'pass' },
    allChecks: true,
    messages: { memory: /^No container of image nginx fits \(2 candidates\): .*has memory limit 512 MiB, not 256m/ },
    points: 30,
  },
  {
    name: 'typed to the letter, the second command on 8080 again: created, not started, and its limit counts',
    setup: [
      'docker run -d -p 8080:80 --memory="256m" nginx',
      // The port is taken: docker creates the container but cannot start it.
      async () => expect((await shell('docker run -d -p 8080:80 --cpus=".5" nginx')).code).not.toBe(0),
    ],
    statuses: { memory: 'pass', stats: 'pass', published: 'pass', cpus: 'pass' },
    allChecks: true,
    points: 100,
    code: 0,
  },
]);
