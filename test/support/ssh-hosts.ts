import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './registry-server';
import { engineAnswers, ensureDockerd } from './dockerd';
import { sh, shell } from './shell';

/**
 * Student VMs for the batch tests: each is an sshd of its own on a loopback
 * port, with its own host key and log, and with `SetEnv` deciding what the
 * student's account sees — which engine (DOCKER_HOST), which docker (PATH).
 */

/** Accounts on this machine: one in the docker group, one not (socket permission denied). */
export const VM_USER = 'gradevm';
export const VM_USER_NO_DOCKER = 'gradevm-nodocker';

export async function ensureVmUsers(): Promise<void> {
  for (const [user, docker] of [
    [VM_USER, true],
    [VM_USER_NO_DOCKER, false],
  ] as const) {
    if ((await shell(`id ${user}`)).code !== 0) await sh(`useradd -m -s /bin/bash ${user}`);
    // sshd refuses a locked account ('!'); '*' allows no password but keys.
    await sh(`usermod -p '*' ${user}`);
    if (docker) await sh(`usermod -aG docker ${user}`);
  }
}

export interface SshKeys {
  dir: string;
  /** Authorized for every VM. */
  good: string;
  /** Authorized nowhere. */
  bad: string;
  authorizedKeys: string;
}

export async function makeKeys(): Promise<SshKeys> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-ssh-keys-'));
  chmodSync(dir, 0o755);
  await sh(`ssh-keygen -q -t ed25519 -N '' -f ${dir}/good && ssh-keygen -q -t ed25519 -N '' -f ${dir}/bad`);
  const authorizedKeys = path.join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${dir}/good.pub`));
  chmodSync(authorizedKeys, 0o644);
  return { dir, good: `${dir}/good`, bad: `${dir}/bad`, authorizedKeys };
}

export interface SshVm {
  port: number;
  /** The known_hosts line for this VM's real key. */
  knownHostsLine: string;
  /** How many SSH connections were accepted (from the sshd log). */
  connections(): number;
  stop(): Promise<void>;
}

export async function startSshVm(keys: SshKeys, vmEnv: Record<string, string> = {}): Promise<SshVm> {
  // The VM's engine is the suite's own unless the VM says otherwise: an SSH session does not inherit the
  // suite's DOCKER_HOST, and the default socket is another engine (or none) when the suite runs on a shard's.
  const env = { ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}), ...vmEnv };
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-sshd-'));
  await sh(`ssh-keygen -q -t ed25519 -N '' -f ${dir}/host_key`);
  const port = await freePort();
  const setEnv = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/host_key`,
      `AuthorizedKeysFile ${keys.authorizedKeys}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `PidFile ${dir}/sshd.pid`,
      'LogLevel VERBOSE',
      // Default MaxStartups 10:30:100 drops parallel connections (NOTES.md).
      'MaxStartups 100:30:200',
      'MaxSessions 32',
      ...(setEnv ? [`SetEnv ${setEnv}`] : []),
      '',
    ].join('\n'),
  );
  const log = path.join(dir, 'sshd.log');
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-f', path.join(dir, 'sshd_config'), '-E', log], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (
    !(await new Promise<boolean>((r) =>
      net
        .connect(port, '127.0.0.1')
        .once('connect', function (this: net.Socket) {
          this.destroy();
          r(true);
        })
        .once('error', () => r(false)),
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`sshd did not start: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const hostKey = readFileSync(`${dir}/host_key.pub`, 'utf8').trim().split(/\s+/);
  return {
    port,
    knownHostsLine: `[127.0.0.1]:${port} ${hostKey[0]} ${hostKey[1]}`,
    connections: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l.includes('Accepted publickey')).length
        : 0,
    async stop() {
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port that accepts TCP connections and never says a word (a VM hung at boot). */
export async function startSilentServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}

/**
 * Relays `docker system dial-stdio` until the grader asks for more than the
 * handshake (`_ping`, `version`, `info`); then, given `freeze`, nothing more
 * goes either way and the channel stays open; given `drop`, the whole SSH
 * connection is killed (its sshd process is this relay's parent). The fault
 * fires on the first real question, however many connections the grader opens
 * and however slow the machine is.
 */
const FAULTY_RELAY = `
const { spawn } = require('node:child_process');
const mode = process.argv[2];
const real = spawn('/usr/bin/docker', ['system', 'dial-stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let frozen = false;
const handshake = /^(GET|HEAD) (\\/v[\\d.]+)?\\/(_ping|version|info)[ ?]/;
process.stdin.on('data', (chunk) => {
  if (frozen) return;
  for (const line of chunk.toString('latin1').split('\\r\\n')) {
    if (/^[A-Z]+ \\S+ HTTP\\/1\\.[01]$/.test(line) && !handshake.test(line)) frozen = true;
  }
  if (!frozen) return real.stdin.write(chunk);
  if (mode === 'drop') process.kill(process.ppid, 'SIGKILL');
});
real.stdout.on('data', (chunk) => { if (!frozen) process.stdout.write(chunk); });
setTimeout(() => process.exit(0), 120000);
`;

/**
 * `grade batch` over a class of test VMs, as the suites give it: only the
 * suite's known_hosts is trusted, and a host on this loopback that gives no
 * handshake within 3 s is given up (every VM here answers in well under one).
 */
export function batchArgs(o: { hostsFile: string; exercises: string; out: string; knownHosts: string; hostTimeoutSeconds: number }): string[] {
  return [
    'batch',
    o.hostsFile,
    '--exercises',
    o.exercises,
    '--out',
    o.out,
    '--known-hosts',
    o.knownHosts,
    '--connect-timeout',
    '3',
    '--host-timeout',
    String(o.hostTimeoutSeconds),
  ];
}

/**
 * `docker` wrappers put first on a VM's PATH to inject faults into
 * `docker system dial-stdio` (every other docker command passes through):
 * `hang` answers the connection handshake, then never again;
 * `drop` kills the whole SSH connection when grading asks its first question.
 */
export function faultyDocker(kind: 'hang' | 'drop'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `grade-docker-${kind}-`));
  chmodSync(dir, 0o755);
  const relay = path.join(dir, 'faulty-relay.js');
  writeFileSync(relay, FAULTY_RELAY);
  chmodSync(relay, 0o644);
  const body = `exec ${process.execPath} ${relay} ${kind === 'hang' ? 'freeze' : 'drop'}`;
  writeFileSync(path.join(dir, 'docker'), `#!/bin/sh\nif [ "$1 $2" = "system dial-stdio" ]; then\n  ${body}\nfi\nexec /usr/bin/docker "$@"\n`);
  chmodSync(path.join(dir, 'docker'), 0o755);
  return dir;
}

/**
 * A second Docker engine (own socket, data-root, exec-root, and a bridge of its
 * own without iptables rules, so it cannot clash with the first): a VM with
 * another state. Not `--bridge=none`: a dockerd started so deletes docker0,
 * the first engine's bridge. Started once and left running, like the first.
 */
const SECOND_BRIDGE = 'gradebr2';
/*
 * One per network namespace: the suites may run in several at once (npm test
 * shards them, scripts/run-tests.js), and a socket is a file that every
 * namespace sees, while the engine behind it publishes ports in its own.
 */
const NETNS_ID = readlinkSync('/proc/self/ns/net').replace(/\D/g, '');
const SECOND_ROOT = `grade-docker2-${NETNS_ID}`;
export const SECOND_ENGINE = `unix:///run/${SECOND_ROOT}/docker.sock`;

export async function ensureSecondEngine(images: string[]): Promise<void> {
  if (!(await engineAnswers(SECOND_ENGINE)) && (await shell(`ip link show ${SECOND_BRIDGE}`)).code !== 0) {
    await sh(`ip link add ${SECOND_BRIDGE} type bridge && ip addr add 10.222.0.1/24 dev ${SECOND_BRIDGE} && ip link set ${SECOND_BRIDGE} up`);
  }
  await ensureDockerd({
    host: SECOND_ENGINE,
    dataRoot: `/var/lib/${SECOND_ROOT}`,
    execRoot: `/run/${SECOND_ROOT}`,
    pidfile: `/run/${SECOND_ROOT}/dockerd.pid`,
    networkArgs: [`--bridge=${SECOND_BRIDGE}`, '--iptables=false', '--ip-masq=false'],
  });
  for (const image of images) {
    const theirs = (await shell(`docker -H ${SECOND_ENGINE} image inspect -f '{{.Id}}' ${image}`)).stdout.trim();
    const ours = (await sh(`docker image inspect -f '{{.Id}}' ${image}`)).trim();
    if (theirs !== ours) await sh(`docker save ${image} | docker -H ${SECOND_ENGINE} load -q`);
  }
}
