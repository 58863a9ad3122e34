import { shortLived } from './main';

/*
 * Which runs do without V8's optimising compiler: a one-shot grading run ends
 * before optimised code pays; a command that runs for minutes or serves needs it.
 */
describe('shortLived', () => {
  test.each([[[]], [['web_server']], [['list']], [['validate', 'exercises/x.yaml']], [['init']], [['new', 'x']], [['completion', 'bash']]])(
    'grade %j is short-lived',
    (argv) => expect(shortLived(argv)).toBe(true),
  );

  test.each([
    [['--watch']],
    [['batch', 'hosts.yaml']],
    [['board']],
    [['repo', '.']],
    [['merge']],
    [['report']],
    [['test']],
    [['test', 'web_server', '--json']],
  ])('grade %j keeps the optimising compiler', (argv) => expect(shortLived(argv)).toBe(false));
});
