import Module from 'node:module';
import path from 'node:path';
import type Docker from 'dockerode';

/**
 * dockerode, without what it loads and grade never calls on a local engine.
 * Loading dockerode requires its BuildKit session code (`@grpc/grpc-js`,
 * `protobufjs`, `uuid`) and docker-modem's SSH transport (`ssh2`) — some 150
 * modules, a good part of a student's wait — although grade builds no image
 * through a BuildKit session and reaches SSH hosts over its own ssh2
 * connection. Each of the two modules exports one function, so each is put in
 * the module cache as a stand-in that loads the real module on its first call:
 * whatever dockerode does with them still happens, only later.
 *
 * Under jest (its own module registry) the stand-ins are simply not used.
 */
function deferFunctionModule(file: string): void {
  if (require.cache[file]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function (this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      delete require.cache[file];
      real = require(file) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  require.cache[file] = standIn;
}

/** dockerode's folder on disk; none in the shipped bundle, which defers the same two modules itself (scripts/bundle.js). */
function installedDockerodeDir(): string | undefined {
  try {
    return path.dirname(require.resolve('dockerode'));
  } catch {
    return undefined;
  }
}

const dockerodeDir = installedDockerodeDir();
if (dockerodeDir) {
  deferFunctionModule(path.join(dockerodeDir, 'session.js'));
  deferFunctionModule(require.resolve('docker-modem/lib/ssh.js', { paths: [dockerodeDir] }));
}

const Dockerode = require('dockerode') as typeof Docker;
export default Dockerode;
