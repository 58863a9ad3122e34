import { resolveVariables, variableValues } from './exercise-variables';

const layers = {
  config: { file: '/home/alice/.config/grade/config.yaml', vars: { dockerhub_user: 'from-config', course: 'olss' } },
  env: { GRADE_VAR_DOCKERHUB_USER: 'from-env', GRADE_VAR_TAG: 'v1', GRADE_VAR_lower: 'ignored', HOME: '/home/alice' },
  options: { tag: 'v2' },
};

describe('exercise variables: config, then GRADE_VAR_*, then --var', () => {
  test('each variable says the layer it came from, the later layer winning', () => {
    expect(resolveVariables(layers)).toEqual({
      dockerhub_user: { value: 'from-env', from: 'GRADE_VAR_DOCKERHUB_USER' },
      course: { value: 'olss', from: '/home/alice/.config/grade/config.yaml' },
      tag: { value: 'v2', from: '--var' },
    });
  });

  test('the values a run grades with are the same layers in the same order', () => {
    expect(variableValues(layers)).toEqual({ dockerhub_user: 'from-env', course: 'olss', tag: 'v2' });
    expect(variableValues({ env: {} })).toEqual({});
  });
});
