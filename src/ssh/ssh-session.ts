import { readFileSync } from 'node:fs';
import createDebug from 'debug';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
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
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
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
        throw new HostError(`cannot read the identity file ${endpoint.identityFile} (${(e as NodeJS.ErrnoException).code})`);
      }
      if (env.GRADE_SSH_PASSPHRASE) auth.passphrase = env.GRADE_SSH_PASSPHRASE;
    } else if (env.SSH_AUTH_SOCK) {
      auth.agent = env.SSH_AUTH_SOCK;
    } else {
      throw new HostError('no identity file and no ssh-agent ($SSH_AUTH_SOCK): give identityFile in the hosts file');
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
          reject(
            new HostError(
              `the host key of ${where} changed (possible man-in-the-middle); if the VM was rebuilt, remove its old key: ssh-keygen -R '${where}' -f ${security.knownHosts.file}`,
            ),
          );
        } else if (verdict === 'revoked') reject(new HostError(`the host key of ${where} is revoked in ${security.knownHosts.file}`));
        else if (verdict === 'certAuthority')
          reject(
            new HostError(
              `${security.knownHosts.file} trusts a certificate authority (@cert-authority) for ${where}, which grade does not support: add the host's own key (ssh-keyscan) to it`,
            ),
          );
        else if (verdict === 'unknown')
          reject(new HostError(`unknown host key for ${where} (${seen?.type}): add it to ${security.knownHosts.file}, or run with --accept-new`));
        else if (e.code === 'ECONNREFUSED') reject(new HostError(`no SSH server answers at ${where} (connection refused)`));
        else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') reject(new HostError(`host name ${endpoint.host} not found`));
        else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') reject(new HostError(`${where} is unreachable (${e.code})`));
        else if (/handshake/i.test(e.message) || e.level === 'client-timeout')
          reject(new HostError(`no SSH handshake from ${where} within ${connectTimeoutMs / 1000} s`));
        else if (e.level === 'client-authentication') reject(new HostError(`${where} refused the key for user ${endpoint.user}`));
        else reject(new HostError(`cannot connect to ${where}: ${e.message}`));
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
        if (err) return reject(new HostError(`cannot run a command on ${this.label}: ${err.message}`));
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => {
          channel.close();
          reject(new HostError(`\`${command}\` did not finish on ${this.label} within ${timeoutMs / 1000} s`));
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
