import { closestWord, editDistance } from './closest-word';

describe('did you mean: the closest word', () => {
  test('typos are one edit: a letter dropped, added, changed, or two swapped', () => {
    expect([editDistance('web_sever', 'web_server'), editDistance('lsit', 'list'), editDistance('volumez', 'volumes'), editDistance('', 'ab')]).toEqual([
      1, 1, 1, 2,
    ]);
  });

  test('suggests the nearest candidate, and nothing when none is near', () => {
    const ids = ['web_server', 'volumes', 'logging', 'first_steps'];
    expect(closestWord('web_sever', ids)?.word).toBe('web_server');
    expect(closestWord('Logign', ids)?.word).toBe('logging');
    expect(closestWord('wordpress', ids)).toBeUndefined();
    expect(closestWord('lsit', ['list', 'init', 'repo'])?.word).toBe('list');
    // Short words allow one edit only: "rpeo" is a swap (one), "abcd" is nothing.
    expect(closestWord('rpeo', ['repo'])?.word).toBe('repo');
    expect(closestWord('abcd', ['repo', 'list'])).toBeUndefined();
  });
});
