import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const errnoError = (code: string, text: string, dir: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${text}, mkdir '${dir}'`), { code, syscall: 'mkdir', path: dir });

/**
 * `mkdir -p` that always ends. Node 20's `mkdirSync(dir, { recursive: true })`
 * loops for ever at 100 % CPU under /proc (mkdir there answers ENOENT although
 * the parent exists), and a synchronous loop also keeps Ctrl-C and SIGTERM from
 * being handled. Here each missing folder is made in turn below the nearest one
 * that exists, and the first failure is thrown as node's fs errors are (a `code`
 * and "CODE: text, mkdir 'path'"), so callers fall back as for any unwritable folder.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      statSync(at);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) throw e;
      at = parent;
    }
  }
  // `dir` itself there: a folder is done; a file is EEXIST, as mkdir says.
  if (!missing.length && !statSync(at).isDirectory()) throw errnoError('EEXIST', 'file already exists', at);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Made meanwhile by another process: fine.
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      // ENOENT with the parent there: a file system that takes no folders (/proc).
      if (code === 'ENOENT') throw errnoError('ENOENT', 'this file system takes no new folders', folder);
      throw e;
    }
  }
}
