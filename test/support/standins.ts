import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sh, shell } from './shell';

/**
 * Docker Hub is out of reach, so the suites run on stand-in images built from
 * Debian's busybox-static and tagged with the course's names. Each behaves as
 * far as the exercises need: `ubuntu` has no ping until its (stand-in) apt
 * installs iputils-ping, its apt installs an apache2 whose apachectl serves
 * /var/www/html; `alpine` has ping; `nginx`, `wordpress` and `mysql` serve HTTP,
 * `mysql` only after 15 s, as a real first start does.
 */
export const STANDIN_LABEL = 'io.github.grade.test.standin';

interface StandIn {
  name: string;
  applets: string[];
  files: Record<string, string>;
  executables?: string[];
  changes: string[];
}

const BASE_APPLETS = [
  'sh',
  'ash',
  'cat',
  'echo',
  'ls',
  'ln',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'sleep',
  'sed',
  'grep',
  'date',
  'env',
  'true',
  'false',
  'test',
  '[',
  'ps',
  'printf',
  'chmod',
  'touch',
  'head',
  'tail',
  'id',
  'hostname',
  'uname',
  'wc',
  'tr',
  'cut',
  'awk',
  'seq',
  'expr',
  'kill',
  'which',
  'find',
  'top',
];

const APT = `#!/bin/sh
# Test stand-in for apt/apt-get: installs the course's two packages from busybox.
cmd=""; pkgs=""
for a in "$@"; do case "$a" in -*) ;; *) if [ -z "$cmd" ]; then cmd=$a; else pkgs="$pkgs $a"; fi ;; esac; done
case "$cmd" in
  update) echo "Reading package lists... Done" ;;
  install)
    for p in $pkgs; do
      case "$p" in
        iputils-ping) ln -sf /bin/busybox /bin/ping ;;
        apache2)
          mkdir -p /var/www/html /usr/sbin
          printf '#!/bin/sh\\nif [ "$1" = "-D" ] && [ "$2" = "FOREGROUND" ]; then exec /bin/busybox httpd -f -p 80 -h /var/www/html; fi\\necho "apachectl stand-in: $*" >&2; exit 1\\n' > /usr/sbin/apachectl
          chmod +x /usr/sbin/apachectl
          echo '<html><body>Apache2 Default Page: It works</body></html>' > /var/www/html/index.html ;;
        *) echo "E: Unable to locate package $p" >&2; exit 100 ;;
      esac
      echo "Setting up $p ..."
    done ;;
  *) echo "apt stand-in: unsupported command: $*" >&2; exit 1 ;;
esac
`;

const APK = `#!/bin/sh
# Test stand-in for apk: its python computes forever, as mypi.py does for a while.
cmd=$1; shift
case "$cmd" in
  update) echo "OK: stand-in index" ;;
  add)
    for p in "$@"; do
      case "$p" in
        python|python2|python3)
          printf '#!/bin/sh\\n# stand-in python: burns CPU like mypi.py\\nwhile :; do :; done\\n' > /usr/bin/$p
          chmod +x /usr/bin/$p
          [ -e /usr/bin/python ] || ln -s /usr/bin/$p /usr/bin/python ;;
        *) echo "ERROR: unable to select packages: $p" >&2; exit 1 ;;
      esac
    done ;;
  *) echo "apk stand-in: unsupported command: $cmd" >&2; exit 1 ;;
esac
`;

const WORDPRESS_CGI = `#!/bin/sh
# WordPress stand-in: like the real one, it needs its database (host "database" on a shared network).
# (busybox-static 1.35 crashes on wget -T, hence timeout)
if /bin/busybox timeout 3 /bin/busybox wget -q -O /dev/null http://database:3306/ 2>/dev/null; then
  printf 'Status: 302 Found\\r\\nLocation: /wp-admin/install.php\\r\\n\\r\\n'
else
  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/html\\r\\n\\r\\n<h1>Error establishing a database connection</h1>'
fi
`;

export const STANDINS: StandIn[] = [
  {
    name: 'ubuntu',
    applets: [...BASE_APPLETS, 'wget'],
    files: {
      '/bin/bash': '#!/bin/sh\nexec /bin/sh "$@"\n',
      '/usr/bin/apt': APT,
      '/usr/bin/apt-get': APT,
      '/etc/os-release': 'NAME="Ubuntu (grade test stand-in)"\nID=ubuntu\n',
    },
    executables: ['/bin/bash', '/usr/bin/apt', '/usr/bin/apt-get'],
    changes: ['CMD ["/bin/bash"]'],
  },
  {
    name: 'alpine',
    applets: [...BASE_APPLETS, 'ping', 'ip', 'wget', 'nslookup'],
    files: { '/etc/os-release': 'NAME="Alpine Linux (grade test stand-in)"\nID=alpine\n', '/sbin/apk': APK },
    executables: ['/sbin/apk'],
    changes: ['CMD ["/bin/sh"]'],
  },
  {
    name: 'nginx',
    applets: [...BASE_APPLETS, 'httpd'],
    files: {
      '/usr/share/nginx/html/index.html': '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n',
    },
    changes: ['CMD ["httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"]', 'EXPOSE 80'],
  },
  {
    name: 'wordpress',
    applets: [...BASE_APPLETS, 'httpd', 'wget'],
    files: {
      '/var/www/html/cgi-bin/index.cgi': WORDPRESS_CGI,
      '/var/www/html/wp-admin/install.php':
        '<!DOCTYPE html><html><head><title>WordPress &rsaquo; Installation</title></head><body><h1>Welcome to WordPress</h1></body></html>\n',
    },
    executables: ['/var/www/html/cgi-bin/index.cgi'],
    changes: ['CMD ["httpd", "-f", "-p", "80", "-h", "/var/www/html"]', 'EXPOSE 80', 'VOLUME /var/www/html'],
  },
  {
    name: 'portainer/portainer-ce',
    applets: [...BASE_APPLETS, 'httpd'],
    files: { '/public/index.html': '<!DOCTYPE html><html><head><title>Portainer</title></head><body>Portainer stand-in</body></html>\n', '/data/.keep': '' },
    changes: ['CMD ["httpd", "-f", "-p", "9000", "-h", "/public"]', 'EXPOSE 9000', 'VOLUME /data'],
  },
  {
    name: 'mysql',
    applets: [...BASE_APPLETS, 'httpd'],
    files: { '/srv/mysql/index.html': 'mysql stand-in\n', '/var/lib/mysql/.keep': '' },
    // Like the real server initialising its data directory, it listens only after a while
    // (10-20 s on a first start); WordPress answers 500 until then. A compose file can set
    // STANDIN_STARTUP_SECONDS to make it slower (or never start).
    changes: [
      'ENV STANDIN_STARTUP_SECONDS=15',
      'CMD ["/bin/sh", "-c", "sleep $STANDIN_STARTUP_SECONDS && exec httpd -f -p 3306 -h /srv/mysql"]',
      'EXPOSE 3306',
      'VOLUME /var/lib/mysql',
    ],
  },
];

function fingerprint(s: StandIn): string {
  const busybox = statSync('/bin/busybox');
  return createHash('sha256').update(JSON.stringify(s)).update(`${busybox.size}:${busybox.mtimeMs}`).digest('hex').slice(0, 16);
}

async function currentLabel(name: string): Promise<string | undefined | null> {
  const r = await shell(`docker image inspect -f '{{index .Config.Labels "${STANDIN_LABEL}"}}' ${name}:latest`);
  if (r.code !== 0) return null; // no such image
  const v = r.stdout.trim();
  return v && v !== '<no value>' ? v : undefined;
}

async function build(s: StandIn, hash: string): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), `grade-standin-${s.name.replace(/\//g, '_')}-`));
  try {
    for (const dir of ['bin', 'etc', 'tmp', 'root', 'usr/bin', 'usr/sbin', 'var']) mkdirSync(path.join(root, dir), { recursive: true });
    chmodSync(path.join(root, 'tmp'), 0o1777);
    copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
    chmodSync(path.join(root, 'bin/busybox'), 0o755);
    for (const a of s.applets) symlinkSync('busybox', path.join(root, 'bin', a));
    writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    for (const [file, content] of Object.entries(s.files)) {
      mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
    for (const file of s.executables ?? []) chmodSync(path.join(root, file), 0o755);
    const changes = [...s.changes, `LABEL ${STANDIN_LABEL}=${hash}`, 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin'].map((c) => `--change '${c}'`).join(' ');
    await sh(`tar --numeric-owner --owner=0 --group=0 -C ${root} -c . | docker import ${changes} - ${s.name}:latest`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Builds the stand-ins that are missing or out of date. An image of the same
 * name that is not a stand-in (a real `ubuntu` pulled on a developer's machine)
 * is never replaced unless GRADE_TEST_REPLACE_IMAGES=1.
 */
export async function ensureStandIns(): Promise<void> {
  for (const s of STANDINS) {
    const hash = fingerprint(s);
    const label = await currentLabel(s.name);
    if (label === hash) continue;
    if (label === undefined && process.env.GRADE_TEST_REPLACE_IMAGES !== '1') {
      throw new Error(
        `image ${s.name}:latest exists and is not a test stand-in; the suites would re-tag it. ` +
          'Run them on a test engine, or set GRADE_TEST_REPLACE_IMAGES=1 to let them replace it.',
      );
    }
    process.stderr.write(`[test setup] building stand-in image ${s.name}\n`);
    await build(s, hash);
  }
}
