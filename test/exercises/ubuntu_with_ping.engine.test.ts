import { exerciseSuite, type Step } from '../support/exercise-suite';
import { copyFixture, WEB_SERVER_DIR } from '../support/fixtures';
import { sh } from '../support/shell';

const committed = { image: 'pass', derived: 'pass', ping: 'pass', committed: 'pass' } as const;
const built = { ...committed, committed: 'fail' } as const;
/** `docker build` of a Dockerfile made for the case, with the legacy builder or BuildKit. */
const build =
  (dockerfile: string, docker = 'docker'): Step =>
  () =>
    sh(`${docker} build -q -t ubuntu_with_ping ${copyFixture(WEB_SERVER_DIR, { Dockerfile: () => dockerfile })}`);
// A Dockerfile of only FROM and RUN leaves no #(nop) row with the legacy builder: its
// history reads like a commit of `docker run ubuntu /bin/sh -c "…"`; the image config tells.
const runOnly = 'FROM ubuntu\nRUN apt update && apt -y install iputils-ping\n';

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
exerciseSuite(
  'ubuntu_with_ping',
  [
    {
      name: 'ping installed, but the image was built from a Dockerfile, not committed',
      setup: [build('FROM ubuntu\nRUN apt update\nRUN apt install -y iputils-ping\nCMD ["/bin/bash"]\n')],
      statuses: built,
      allChecks: true,
      points: 80,
    },
    {
      name: 'a FROM + RUN Dockerfile, legacy builder, is a build',
      setup: [build(runOnly)],
      statuses: built,
      allChecks: true,
      messages: { committed: /made by docker build .*legacy-builder RUN step/ },
      points: 80,
    },
    {
      name: 'a FROM + RUN Dockerfile, BuildKit, is a build',
      setup: [build(runOnly, 'DOCKER_BUILDKIT=1 /usr/bin/docker')],
      statuses: built,
      allChecks: true,
      messages: { committed: /BuildKit/ },
      points: 80,
    },
    {
      name: 'a commit of a sh -c one-liner is a commit',
      setup: ['docker run --name oneliner ubuntu /bin/sh -c "apt update && apt -y install iputils-ping" && docker commit oneliner ubuntu_with_ping'],
      statuses: committed,
      allChecks: true,
      points: 100,
      code: 0,
    },
    {
      name: 'nothing done: 0, a hint on every failed check',
      setup: [],
      statuses: { image: 'fail', derived: 'skip', ping: 'skip', committed: 'skip' },
      allChecks: true,
      hinted: true,
      points: 0,
    },
  ],
  // "How to extend a docker container (1)-(2)": install ping in a container, commit it.
  { slides: { name: "the slides' commands score full marks", statuses: committed } },
);
