import { exerciseSuite } from '../support/exercise-suite';

const volume = 'docker volume create portainer_data';
const run = (flags: string) => `docker run -d --name=portainer ${flags} portainer/portainer-ce`;
const full = '-p 8080:9000 --restart=always -v /var/run/docker.sock:/var/run/docker.sock -v portainer_data:/data';

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
  {
    name: 'the socket not mounted',
    setup: [volume, run(full.replace('-v /var/run/docker.sock:/var/run/docker.sock ', ''))],
    statuses: { socket: 'fail', data: 'pass' },
    points: 85,
  },
  {
    name: 'an anonymous volume at /data',
    setup: [volume, run(full.replace('-v portainer_data:/data', '-v /data'))],
    statuses: { data: 'fail', volume: 'pass' },
    points: 85,
  },
  {
    name: 'published on 9000 instead of 8080',
    setup: [volume, run(full.replace('-p 8080:9000', '-p 9000:9000'))],
    statuses: { published: 'fail', ui: 'skip' },
    points: 75,
  },
]);
