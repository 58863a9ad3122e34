import type Docker from 'dockerode';
import { DockerEngine } from '../../docker/engine';
import { EngineUnavailableError } from '../../errors/setup-error';
import { HttpClient } from '../../http/http-client';
import { phrase, type Phrase } from '../../messages/phrase';
import { knownHostsName } from '../../ssh/known-hosts';
import { HostError, SshSession, type SshEndpoint, type SshSecurity } from '../../ssh/ssh-session';
import { dialStdioAgent, forwardingDispatcher } from '../../ssh/ssh-transport';
import type { OpenTarget, Target } from '../target';

export interface OpenSshTarget extends OpenTarget {
  /** Why the SSH connection is gone, if it dropped while grading. */
  lostReason(): string | undefined;
}

/** What `docker version` on the host says, as one line an instructor can act on. */
function preflightProblem(user: string, host: string, r: { code: number | null; stderr: string; stdout: string }): Phrase | undefined {
  if (r.code === 0 && r.stdout.trim()) return undefined;
  const err = r.stderr.trim();
  if (r.code === 127 || /command not found|not found/i.test(err)) return phrase('part.host.noDocker', { user, host });
  if (/permission denied/i.test(err)) return phrase('part.host.noPermission', { user, host });
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|connection refused|no such file or directory/i.test(err)) {
    return phrase('part.host.engineDown', { host, error: err.split('\n').pop() });
  }
  return phrase('part.host.dockerVersionFailed', { host, error: err.split('\n')[0] || `exit ${r.code}` });
}

/**
 * A student VM over SSH, behind the same interface as the local engine: checks
 * cannot tell the difference. One SSH connection carries every Docker API
 * call and every HTTP request of the grading.
 */
export class SshTarget implements Target {
  readonly kind = 'ssh' as const;

  constructor(
    private readonly ssh: SshEndpoint,
    private readonly security: SshSecurity,
    private readonly connectTimeoutMs = 10_000,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get endpoint(): string {
    return `ssh://${this.ssh.user}@${knownHostsName(this.ssh.host, this.ssh.port)}`;
  }

  async open(): Promise<OpenSshTarget> {
    const session = await SshSession.open(this.ssh, this.security, this.connectTimeoutMs, this.env);
    try {
      const problem = preflightProblem(
        this.ssh.user,
        this.ssh.host,
        await session.exec('docker version --format "{{.Server.Version}}"', this.connectTimeoutMs + 5_000),
      );
      if (problem) throw new HostError(problem);
      // sshd's MaxSessions (10 by default) caps channels per connection: 8 for
      // Docker API calls, of which 3 probes hold at most 6 (output and wait each).
      const agent = dialStdioAgent(session, 8);
      const engine = new DockerEngine({
        endpoint: this.endpoint,
        options: { protocol: 'http', host: 'docker', port: 80, agent } as Docker.DockerOptions,
        publishedHost: '127.0.0.1',
        maxProbes: 3,
      });
      let info;
      try {
        info = await engine.connect(this.connectTimeoutMs);
      } catch (e) {
        throw new HostError(e instanceof EngineUnavailableError ? e.message : phrase('part.host.dockerApiFailed', { error: (e as Error).message }));
      }
      const dispatcher = forwardingDispatcher(session);
      return {
        kind: this.kind,
        endpoint: this.endpoint,
        engine,
        info,
        http: new HttpClient(dispatcher, '127.0.0.1'),
        lostReason: () => session.lostReason,
        close: async () => {
          agent.destroy();
          await dispatcher.close().catch(() => undefined);
          session.close();
        },
      };
    } catch (e) {
      session.close();
      throw e;
    }
  }
}
