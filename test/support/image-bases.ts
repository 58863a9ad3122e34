import { existsSync, mkdirSync, mkdtempSync, writeFileSync, appendFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sh, shell } from './shell';
import { STANDIN_LABEL } from './standins';

const log = (msg: string) => process.stderr.write(`[image bases] ${msg}\n`);

async function hasImage(ref: string): Promise<boolean> {
  return (await shell(`docker image inspect ${ref}`)).code === 0;
}

/**
 * The grader Dockerfile's bases, which Docker Hub would give, made here:
 * `node:20.19-alpine` (the last stage) stands for Alpine's few megabytes with
 * busybox: a static busybox, this machine's Node.js 20 (glibc, so with the
 * shared libraries it needs) and npm, CA certificates and the `node` user;
 * `node:20.19-bookworm-slim` (the build stage) is a real Debian bookworm root (debootstrap, with
 * CA certificates so npm reaches its registry) holding this machine's Node.js 20
 * and npm and a `node` user (uid 1000) as in the official image;
 * `docker:28.2-cli` holds this machine's docker CLI, and in place of the compose
 * plugin a script that says it is missing (the image test grades no compose).
 * The Node base also carries this machine's CA bundle (its network reaches the
 * npm registry through a TLS proxy). Both are labelled as test stand-ins. The Debian root takes one to three minutes.
 */
export async function ensureGraderImageBases(): Promise<void> {
  if (!(await hasImage('node:20.19-bookworm-slim'))) {
    if (!existsSync('/usr/sbin/debootstrap')) throw new Error('the grader image test needs debootstrap (apt-get install -y debootstrap)');
    const root = mkdtempSync(path.join(os.tmpdir(), 'grade-bookworm-'));
    log(`debootstrap bookworm into ${root} (a minute or three)…`);
    await sh(`debootstrap --variant=minbase --include=ca-certificates bookworm ${root} http://deb.debian.org/debian`, { timeout: 900_000 });
    mkdirSync(path.join(root, 'usr/local/lib/node_modules'), { recursive: true });
    await sh(`cp /usr/bin/node ${root}/usr/local/bin/node && cp -a /usr/lib/node_modules/npm ${root}/usr/local/lib/node_modules/npm`);
    await sh(
      `ln -s ../lib/node_modules/npm/bin/npm-cli.js ${root}/usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js ${root}/usr/local/bin/npx`,
    );
    // This machine reaches the npm registry through a TLS proxy its CA bundle trusts: so does the base.
    await sh(`cp /etc/ssl/certs/ca-certificates.crt ${root}/etc/ssl/certs/ca-certificates.crt`);
    appendFileSync(path.join(root, 'etc/passwd'), 'node:x:1000:1000::/home/node:/bin/sh\n');
    appendFileSync(path.join(root, 'etc/group'), 'node:x:1000:\n');
    mkdirSync(path.join(root, 'home/node'));
    await sh(`chown 1000:1000 ${root}/home/node && rm -rf ${root}/var/cache/apt/archives/*.deb ${root}/var/lib/apt/lists/*`);
    await sh(
      `tar -C ${root} -c . | docker import --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' --change 'LABEL ${STANDIN_LABEL}=node' - node:20.19-bookworm-slim >/dev/null && rm -rf ${root}`,
      { timeout: 300_000 },
    );
  }
  if (!(await hasImage('node:20.19-alpine'))) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'grade-node-alpine-'));
    for (const dir of ['bin', 'etc/ssl/certs', 'home/node', 'tmp', 'usr/local/bin', 'usr/local/lib/node_modules', 'lib64', 'lib/x86_64-linux-gnu'])
      mkdirSync(path.join(root, dir), { recursive: true });
    // Alpine's /usr/bin/env too: grade's #! line needs it.
    await sh(
      `cp /bin/busybox ${root}/bin/busybox && chroot ${root} /bin/busybox --install -s /bin && mkdir -p ${root}/usr/bin && ln -s /bin/busybox ${root}/usr/bin/env`,
    );
    await sh(`cp /usr/bin/node ${root}/usr/local/bin/node && cp -a /usr/lib/node_modules/npm ${root}/usr/local/lib/node_modules/npm`);
    await sh(
      `ln -s ../lib/node_modules/npm/bin/npm-cli.js ${root}/usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js ${root}/usr/local/bin/npx`,
    );
    // Each shared library node links against, where the dynamic loader looks for it.
    await sh(`for lib in $(ldd /usr/bin/node | grep -o '/lib[^ ]*'); do cp -L "$lib" "${root}$lib"; done`);
    await sh(`cp /etc/ssl/certs/ca-certificates.crt ${root}/etc/ssl/certs/ca-certificates.crt && chmod 1777 ${root}/tmp`);
    writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n');
    writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
    await sh(`chown 1000:1000 ${root}/home/node`);
    await sh(
      `tar -C ${root} -c . | docker import --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' --change 'LABEL ${STANDIN_LABEL}=node-alpine' - node:20.19-alpine >/dev/null && rm -rf ${root}`,
    );
  }
  if (!(await hasImage('docker:28.2-cli'))) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'grade-docker-cli-'));
    mkdirSync(path.join(root, 'usr/local/bin'), { recursive: true });
    mkdirSync(path.join(root, 'usr/local/libexec/docker/cli-plugins'), { recursive: true });
    await sh(`cp /usr/bin/docker ${root}/usr/local/bin/docker`);
    const plugin = path.join(root, 'usr/local/libexec/docker/cli-plugins/docker-compose');
    writeFileSync(plugin, '#!/bin/sh\necho "docker compose: not in this test stand-in of docker:28.2-cli" >&2\nexit 1\n');
    chmodSync(plugin, 0o755);
    await sh(`tar -C ${root} -c . | docker import --change 'LABEL ${STANDIN_LABEL}=docker-cli' - docker:28.2-cli >/dev/null && rm -rf ${root}`);
  }
}
