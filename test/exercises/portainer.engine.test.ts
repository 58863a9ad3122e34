import { exerciseSuite } from '../support/exercise-suite';

const volume = 'docker volume create portainer_data';
const run = (flags: string) => `docker run -d --name=portainer ${flags} portainer/portainer-ce`;
const full = '-p 8080:9000 --restart=always -v /var/run/docker.sock:/var/run/docker.sock -v portainer_data:/data';

// The other mistakes are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
exerciseSuite('portainer', [
  {
    name: 'restart policy no',
    setup: [volume, run(full.replace('--restart=always ', ''))],
    statuses: { restart: 'fail', socket: 'pass', ui: 'pass' },
    points: 85,
    also: (r) => {
      const socket = r.result.exercises[0]!.checks.find((c) => c.id === 'socket')!;
      expect(socket.warning).toMatch(/root on the host/);
    },
  },
]);
