import { inspect } from 'node:util';
import type { SshSession } from './ssh-session';
import { dialStdioAgent } from './ssh-transport';

// docker-modem inspects every request's options (agent included) with depth: null.
test('the dial-stdio agent inspects as one short line, whatever it holds', () => {
  const agent = dialStdioAgent({ label: 'gradevm@devops1' } as SshSession);
  expect(inspect({ agent }, { showHidden: true, depth: null })).toBe('{ agent: DialStdioAgent(gradevm@devops1) }');
  agent.destroy();
});
