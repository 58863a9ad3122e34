import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { pack, type Pack } from 'tar-stream';

/** Paths as .dockerignore patterns see them: relative, forward slashes. */
const posixRelative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/**
 * A folder as a `docker build` context: a tar of what `.dockerignore` lets
 * through (the Dockerfile always included, as docker does). Symbolic links go
 * in as links, never followed: a link in a student's repository cannot bring a
 * file from outside it into the build.
 */
export function packBuildContext(dir: string, dockerfile: string): Pack {
  const root = path.resolve(dir);
  const ignoreFile = path.join(root, '.dockerignore');
  // Loaded by the one command that builds (grade repo), not by every run that loads the engine client.
  const dockerignore = (require('@balena/dockerignore') as { default: typeof import('@balena/dockerignore').default }).default;
  const ignore = dockerignore({ ignorecase: false });
  try {
    ignore.add(readFileSync(ignoreFile, 'utf8'));
  } catch {
    // No .dockerignore: everything goes.
  }
  const keepDockerfile = posixRelative(root, path.resolve(root, dockerfile));
  const tar = pack();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      const rel = posixRelative(root, full);
      if (rel !== keepDockerfile && rel !== '.dockerignore' && ignore.ignores(rel)) continue;
      const st = lstatSync(full);
      const header = { name: rel, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
      if (st.isSymbolicLink()) tar.entry({ ...header, type: 'symlink', linkname: readlinkSync(full) });
      else if (st.isDirectory()) {
        tar.entry({ ...header, type: 'directory' });
        walk(full);
      } else if (st.isFile()) tar.entry({ ...header, type: 'file' }, readFileSync(full));
    }
  };
  walk(root);
  tar.finalize();
  return tar;
}
