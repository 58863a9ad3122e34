import { readFileSync } from 'node:fs';
import createDebug from 'debug';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { renderValue } from '../messages/catalog';
import { phrase, type Phrase } from '../messages/phrase';
import { KnownHosts, knownHostsName } from './known-hosts';

const debug = createDebug('grade:ssh');

export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  /** A private key file; without one, the ssh-agent at $SSH_AUTH_SOCK. */
  identityFile?: string;
}

export interface SshSecurity {
  knownHosts: KnownHosts;
  /** Record unknown host keys (trust on first use); a changed key is refused regardless. */
  acceptNew: boolean;
}

/** Why a host could not be used; one line, for the class report. */
export class HostError extends Error {
  /** The message as a phrase, where it is grade's own words (not the SSH library's): shown in the run's language. */
  readonly said?: Phrase;

  constructor(message: string | Phrase) {
    super(typeof message === 'string' ? message : renderValue('en', message));
    this.name = 'HostError';
    if (typeof message !== 'string') this.said = message;
  }
}

/** The key type is the first field of the public key blob (a length-prefixed string). */
function keyType(blob: Buffer): string {
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('ascii');
}

/**
 * One SSH connection to one host, verified against known_hosts, reused for
 * every exec and forwarded connection grading it needs.
 */
export class SshSession {
  private closed = false;
  private lost: string | undefined;

  private constructor(
    readonly endpoint: SshEndpoint,
    readonly client: Client,
  ) {
    client.on('close', () => {
      this.closed = true;
      this.lost ??= 'the connection closed';
    });
    client.on('error', (e) => {
      this.lost = e.message;
    });
  }

  get label(): string {
    return `${this.endpoint.user}@${knownHostsName(this.endpoint.host, this.endpoint.port)}`;
  }

  /** Why the connection is gone, if it is. */
  get lostReason(): string | undefined {
    return this.closed ? (this.lost ?? 'the connection closed') : undefined;
  }

  static async open(endpoint: SshEndpoint, security: SshSecurity, connectTimeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<SshSession> {
    const name = `${endpoint.user}@${knownHostsName(endpoint.host, endpoint.port)}`;
    let verdict: ReturnType<KnownHosts['verify']> | undefined;
    let seen: { type: string; key: string } | undefined;
    const auth: Partial<ConnectConfig> = {};
    if (endpoint.identityFile) {
      try {
        auth.privateKey = readFileSync(endpoint.identityFile);
      } catch (e) {
        throw new HostError(phrase('part.host.identityUnreadable', { file: endpoint.identityFile, code: (e as NodeJS.ErrnoException).code }));
      }
      if (env.GRADE_SSH_PASSPHRASE) auth.passphrase = env.GRADE_SSH_PASSPHRASE;
    } else if (env.SSH_AUTH_SOCK) {
      auth.agent = env.SSH_AUTH_SOCK;
    } else {
      throw new HostError(phrase('part.host.noIdentity'));
    }
    const client = new Client();
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error & { level?: string; code?: string }) => {
        // ssh2 may emit more errors after the first (e.g. the peer closing after a
        // handshake timeout): later ones change nothing and must not crash the batch.
        if (settled) return;
        settled = true;
        client.end();
        const where = knownHostsName(endpoint.host, endpoint.port);
        if (verdict === 'changed') {
          reject(new HostError(phrase('part.host.keyChanged', { where, file: security.knownHosts.file })));
        } else if (verdict === 'revoked') reject(new HostError(phrase('part.host.keyRevoked', { where, file: security.knownHosts.file })));
        else if (verdict === 'certAuthority') reject(new HostError(phrase('part.host.certAuthority', { where, file: security.knownHosts.file })));
        else if (verdict === 'unknown') reject(new HostError(phrase('part.host.unknownKey', { where, type: seen?.type, file: security.knownHosts.file })));
        else if (e.code === 'ECONNREFUSED') reject(new HostError(phrase('part.host.refused', { where })));
        else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') reject(new HostError(phrase('part.host.notFound', { host: endpoint.host })));
        else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') reject(new HostError(phrase('part.host.unreachable', { where, code: e.code })));
        else if (/handshake/i.test(e.message) || e.level === 'client-timeout')
          reject(new HostError(phrase('part.host.noHandshake', { where, seconds: connectTimeoutMs / 1000 })));
        else if (e.level === 'client-authentication') reject(new HostError(phrase('part.host.keyRefused', { where, user: endpoint.user })));
        else reject(new HostError(phrase('part.host.cannotConnect', { where, error: e.message })));
      };
      client.once('ready', () => {
        settled = true;
        resolve();
      });
      client.on('error', fail);
      client.connect({
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.user,
        readyTimeout: connectTimeoutMs,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        ...auth,
        hostVerifier: (blob: Buffer) => {
          seen = { type: keyType(blob), key: blob.toString('base64') };
          verdict = security.knownHosts.verify(endpoint.host, endpoint.port, seen.type, seen.key);
          if (verdict === 'unknown' && security.acceptNew) {
            security.knownHosts.add(endpoint.host, endpoint.port, seen.type, seen.key);
            verdict = 'match';
          }
          return verdict === 'match';
        },
      });
    });
    debug('connected to %s', name);
    return new SshSession(endpoint, client);
  }

  /** Runs a command on the host (a fresh channel), bounded in time and output. */
  exec(command: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, channel) => {
        if (err) return reject(new HostError(phrase('part.host.cannotRun', { where: this.label, error: err.message })));
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => {
          channel.close();
          reject(new HostError(phrase('part.host.commandTimeout', { command, where: this.label, seconds: timeoutMs / 1000 })));
        }, timeoutMs);
        channel.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-64 * 1024)));
        channel.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-64 * 1024)));
        channel.on('exit', (code: number | null) => {
          clearTimeout(timer);
          // Let the last output arrive with the channel's close.
          channel.once('close', () => resolve({ code, stdout, stderr }));
        });
      });
    });
  }

  /** A TCP connection opened from the host itself (so "localhost:8080" is the VM's own port). */
  forwardOut(host: string, port: number): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (err, channel) => (err ? reject(err) : resolve(channel)));
    });
  }

  execChannel(command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
    });
  }

  close(): void {
    this.client.end();
  }
}
