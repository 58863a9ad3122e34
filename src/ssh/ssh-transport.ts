import http from 'node:http';
import { inspect } from 'node:util';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import { undiciAgent } from '../http/undici-request';
import { ChannelSocket } from './channel-socket';
import type { SshSession } from './ssh-session';

/**
 * An http.Agent for dockerode whose connections are `docker system dial-stdio`
 * channels of one SSH connection, kept alive and reused: docker-modem's own ssh
 * transport opens a new SSH connection per API call (~0.8 s each).
 * maxSockets stays under sshd's MaxSessions (10 by default).
 */
export function dialStdioAgent(session: SshSession, maxSockets = 4): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => {
    const socket = new ChannelSocket();
    session.execChannel('docker system dial-stdio').then(
      (channel) => socket.attach(channel),
      (err: Error) => socket.destroy(err),
    );
    return socket;
  };
  // docker-modem util.inspect()s every request's options, agent included, with
  // depth: null — debug logging on or off. Walking this agent's sockets and SSH
  // channels took most of a batch's CPU time.
  Object.defineProperty(agent, inspect.custom, { value: () => `DialStdioAgent(${session.label})` });
  return agent;
}

/**
 * An undici dispatcher whose TCP connections are opened from the host itself
 * (ssh forwardOut), so `http://127.0.0.1:8080/` is the VM's own port 8080 and
 * nothing needs the VM's ports open to the grader.
 */
export function forwardingDispatcher(session: SshSession): Dispatcher {
  return undiciAgent({
    keepAliveTimeout: 2_000,
    connect: (opts, callback) => {
      session.forwardOut(opts.hostname, Number(opts.port) || 80).then(
        (channel) => {
          // A channel emits 'close' only after reading 'end', and destroy() never
          // emits it: after a `Connection: close` answer undici would wait forever.
          const destroy = channel.destroy.bind(channel);
          let closed = false;
          channel.once('close', () => (closed = true));
          channel.destroy = (() => {
            destroy();
            if (!closed) {
              closed = true;
              process.nextTick(() => channel.emit('close'));
            }
            return channel;
          }) as typeof channel.destroy;
          const socket = channel as unknown as { setKeepAlive?: () => void; setNoDelay?: () => void; setTimeout?: () => void };
          socket.setKeepAlive ??= () => undefined;
          socket.setNoDelay ??= () => undefined;
          socket.setTimeout ??= () => undefined;
          callback(null, channel as never);
        },
        (err: Error) => callback(err, null),
      );
    },
  });
}
