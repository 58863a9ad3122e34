import containerConfig from '../../checks/container.config';
import { evaluateKind } from '../../test/support/check-tester';
import { sh } from '../../test/support/shell';

// Regression: a probe from image alpine (a reachability probe, or another
// grader's at the same time) passed for the student's container "from image
// alpine" and vanished under the check.
test("the grader's probes are never taken for the student's containers", async () => {
  const id = (await sh('docker run -d --label io.github.grade.probe=true alpine sleep 300')).trim();
  try {
    const v = await evaluateKind(containerConfig, { select: { image: 'alpine' }, state: 'any' });
    expect(v).toMatchObject({ status: 'fail', messageId: 'notFound' });
  } finally {
    await sh(`docker rm -f ${id}`);
  }
});
