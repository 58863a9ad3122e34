import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** A name beside `target` that no one can guess, so no one can plant a file or symlink there first. */
export function unguessableSibling(target: string, kind: 'tmp' | 'old' = 'tmp'): string {
  return `${target}.${kind}-${process.pid}-${randomBytes(8).toString('hex')}`;
}

/**
 * Replaces `target` with `data` as a whole, so a crash never leaves half a file.
 * The data goes to a new file beside it, created exclusively ('wx': whatever
 * already has that name, a symlink included, is never opened or followed), then
 * renamed over `target` (which replaces a symlink there, never writes through it).
 */
export function replaceFile(target: string, data: string | Buffer, mode = 0o666): void {
  const tmp = unguessableSibling(target);
  // The mode (less the umask) is set at creation: a secret is never readable by others, not even for a moment.
  const fd = openSync(tmp, 'wx', mode);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
    closeSync(fd);
    renameSync(tmp, target);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    // Only the file this call created: it had a name no one else knew.
    rmSync(tmp, { force: true });
    throw e;
  }
}
