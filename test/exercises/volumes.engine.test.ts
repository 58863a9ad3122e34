import { exerciseSuite } from '../support/exercise-suite';

const bind = 'mkdir -p /tmp/grade-olss/local_data && docker run -v /tmp/grade-olss/local_data/:/container_data ubuntu true';

exerciseSuite('volumes', [
  {
    name: 'an anonymous volume at /app instead of my-volume',
    setup: [bind, 'docker volume create my-volume', 'docker run --name myname -v /app ubuntu /bin/bash -c "touch /app/my_new_file"'],
    statuses: { bind_mount: 'pass', my_volume: 'pass', myname: 'fail', kept: 'skip' },
    points: 45,
  },
  {
    name: 'the bind mount at the slide typo /cointainer_data, and nothing written in the volume',
    setup: [
      'mkdir -p /tmp/grade-olss/local_data && docker run -v /tmp/grade-olss/local_data/:/cointainer_data ubuntu true',
      'docker run --name myname -v my-volume:/app ubuntu true',
    ],
    statuses: { bind_mount: 'fail', my_volume: 'pass', myname: 'pass', kept: 'fail' },
    points: 45,
  },
  {
    name: 'my-volume mounted at another path',
    setup: [bind, 'docker run --name myname -v my-volume:/data ubuntu /bin/bash -c "touch /data/x"'],
    statuses: { myname: 'fail', kept: 'skip' },
    points: 45,
  },
]);
