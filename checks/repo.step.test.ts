import { testRepoKind } from '../test/support/repo-kind-tester';
import kind from './repo.step';

testRepoKind(kind, [
  {
    name: 'the build succeeded',
    steps: { build: { ok: true, summary: 'docker build -f Dockerfile . succeeded', durationMs: 1200 } },
    params: { step: 'build' },
    status: 'pass',
    messageId: 'ok',
    data: { summary: 'docker build -f Dockerfile . succeeded' },
  },
  {
    name: 'the build failed',
    steps: {
      build: {
        ok: false,
        summary: "docker build -f Dockerfile . failed: The command '/bin/sh -c apt install -y apache' returned a non-zero code: 100",
        durationMs: 900,
      },
    },
    params: { step: 'build' },
    messageId: 'failed',
    data: { summary: /returned a non-zero code: 100/ },
  },
  { name: 'the run step never ran', params: { step: 'run' }, messageId: 'notRun', data: { reason: 'an earlier step failed' } },
  {
    name: 'compose came up unhealthy',
    steps: { compose: { ok: false, summary: 'docker-compose -f docker-compose.yml up: service database did not become ready', durationMs: 5000 } },
    params: { step: 'compose' },
    messageId: 'failed',
  },
  { name: 'outside grade repo', noRepo: true, params: { step: 'build' }, status: 'error', messageId: 'notRepo' },
]);
