import { exerciseSuite } from '../support/exercise-suite';
import { MYPI } from '../support/slide-states';

const writeMypi = `docker exec -i test1 sh -c 'cat > mypi.py' <<'EOF'\n${MYPI}EOF`;

exerciseSuite('process_management', [
  {
    name: 'python installed but mypi.py not running (finished)',
    setup: ['docker run -itd --name test1 alpine /bin/sh', 'docker exec test1 sh -c "apk update && apk add python2"', writeMypi],
    statuses: { test1: 'pass', python: 'fail', cpu: 'skip' },
    points: 20,
  },
  {
    name: 'test1 from ubuntu instead of alpine',
    setup: ['docker run -itd --name test1 ubuntu /bin/bash'],
    statuses: { test1: 'fail', python: 'skip', cpu: 'skip' },
    points: 0,
  },
  {
    name: 'another program keeps test1 busy',
    setup: ['docker run -itd --name test1 alpine /bin/sh', 'docker exec -d test1 sh -c "while :; do :; done"'],
    statuses: { test1: 'pass', python: 'fail' },
    points: 20,
  },
]);
