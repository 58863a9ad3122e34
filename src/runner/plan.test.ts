import { defaultExercisesDir } from '../package/package-info';
import { loadExercises } from '../exercise/load';
import { notGradedExercises, planGrading } from './plan';

describe('exercises left out of a grade-everything run', () => {
  const catalog = loadExercises(defaultExercisesDir);

  test('without a Docker Hub user, docker_hub_push is left out and the result says why, in the run language', () => {
    const plan = planGrading(catalog, [], {});
    expect(plan.exercises.map((e) => e.exercise.id)).not.toContain('docker_hub_push');
    const [en] = notGradedExercises(plan, 'en');
    expect(en).toEqual({
      id: 'docker_hub_push',
      title: catalog.find((e) => e.id === 'docker_hub_push')!.title,
      reason: expect.stringMatching(/^needs dockerhub_user — pass --var dockerhub_user=\S+, set GRADE_VAR_DOCKERHUB_USER, or run grade init$/),
    });
    expect(notGradedExercises(plan, 'it')[0]!.reason).toMatch(
      /^richiede dockerhub_user — usa --var dockerhub_user=\S+, imposta GRADE_VAR_DOCKERHUB_USER, oppure esegui grade init$/,
    );
  });

  test('with the variable given, nothing is left out', () => {
    expect(notGradedExercises(planGrading(catalog, [], { dockerhub_user: 'alice' }))).toEqual([]);
  });
});
