import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sh, shell } from './support/shell';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  bin: Record<string, string>;
  files: string[];
  version: string;
  engines: { node: string };
  dependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

interface PackedFile {
  path: string;
  size: number;
}

/**
 * What `npm run package` puts in the tarball a student installs: the shipped
 * build (scripts/bundle.js, from what `npm run build` compiled) and the
 * package's `files`, staged by scripts/stage-package.js, listed by npm itself. Engine-free; the install test needs no network
 * either, since the package has no dependency to fetch.
 */
describe('the npm package', () => {
  let files: PackedFile[];
  let tarball: string;
  const work = mkdtempSync(path.join(os.tmpdir(), 'grade-package-'));
  beforeAll(async () => {
    await sh('node scripts/bundle.js && node scripts/stage-package.js', { cwd: ROOT, timeout: 120_000 });
    const [packed] = JSON.parse(await sh(`npm pack --json --pack-destination ${work} ./dist/package`, { cwd: ROOT, timeout: 120_000 })) as {
      files: PackedFile[];
      filename: string;
    }[];
    files = packed!.files;
    tarball = path.join(work, packed!.filename);
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const names = () => files.map((f) => f.path);
  const shipped = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

  test('holds only runtime files: the bundle, exercises (and the slides’ files their examples use), schemas, templates, README and docs/, LICENSE', () => {
    const allowed =
      /^(bin\/grade\.js|dist\/bundle\/.+\.(js|json)|exercises\/[a-z_]+\.yaml|exercises\/[a-z_]+\/[\w.-]+|schemas\/[a-z-]+(\.schema)?\.json|templates\/[a-z]+\.(hbs|css|js)|README\.md|docs\/[a-z-]+\.md|LICENSE|package\.json)$/;
    expect(names().filter((f) => !allowed.test(f))).toEqual([]);
    expect(names().filter((f) => /\.test\.|\.map$|(^|\/)(test|bench|src|checks)\//.test(f))).toEqual([]);
    for (const f of [
      'LICENSE',
      'README.md',
      'docs/students.md',
      'dist/bundle/grade.js',
      'schemas/compose-spec.json',
      'templates/report.hbs',
      'exercises/first_steps.yaml',
    ])
      expect(names()).toContain(f);
  });

  test('no shipped file points at a source map or a source that is not shipped', () => {
    const withMaps = names().filter((f) => /\.js$/.test(f) && /\/\/# sourceMappingURL=/.test(shipped(f)));
    expect(withMaps).toEqual([]);
  });

  test('LICENSE is the MIT licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(shipped('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the grade authors\n/);
  });

  test('bin is shipped and every vendor file the bundle requires is shipped too', () => {
    expect(names()).toContain(pkg.bin.grade);
    const required = [...shipped('dist/bundle/grade.js').matchAll(/require\("\.\/(vendor\/[^"]+\.js)"\)/g)].map((m) => `dist/bundle/${m[1]}`);
    expect(required.length).toBeGreaterThan(5);
    expect(required.filter((f) => !names().includes(f))).toEqual([]);
    // Vendor files require each other too: the deferred BuildKit session and SSH transport, ssh2.
    const vendorFiles = names().filter((f) => f.startsWith('dist/bundle/vendor/'));
    const between = vendorFiles.flatMap((f) => [...shipped(f).matchAll(/require\("\.\/([^"/]+\.js)"\)/g)].map((m) => `dist/bundle/vendor/${m[1]}`));
    expect(between).toEqual(
      expect.arrayContaining(['dist/bundle/vendor/dockerode-session.js', 'dist/bundle/vendor/docker-modem-ssh.js', 'dist/bundle/vendor/ssh2.js']),
    );
    expect(between.filter((f) => !names().includes(f))).toEqual([]);
  });

  test("the report templates ship precompiled: the bundle holds handlebars' runtime, not its compiler or source-map", () => {
    expect(names()).toEqual(expect.arrayContaining(['dist/bundle/report-templates.generated.js', 'dist/bundle/vendor/handlebars__runtime.js']));
    expect(names()).not.toContain('dist/bundle/vendor/handlebars.js');
    const bundled = JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle-packages.json'), 'utf8')) as string[];
    expect(bundled).not.toContain('node_modules/source-map');
  });

  test('nothing to fetch or build on install: no dependencies, better-sqlite3 an optional peer', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependenciesMeta?.['better-sqlite3']?.optional).toBe(true);
  });

  // The two installs (each into a prefix of its own) run at once: most of their time is npm's.
  test.concurrent(
    'installed from the tarball offline, grade runs: --version, list, validate; the board says how to add SQLite',
    async () => {
      const prefix = path.join(work, 'prefix');
      const install = await shell(`npm install -g --offline --no-audit --no-fund --prefix ${prefix} --cache ${path.join(work, 'cache')} ${tarball}`, {
        timeout: 120_000,
      });
      expect(install.code).toBe(0);
      // Nothing to wonder about on install: the shipped package.json has no scripts for npm to warn of.
      expect(install.stderr).not.toMatch(/install-scripts|prepare|allow-scripts/);
      const manifest = JSON.parse(readFileSync(path.join(prefix, 'lib/node_modules/grade/package.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(manifest).filter((k) => ['scripts', 'devDependencies', 'overrides', 'dependencies'].includes(k))).toEqual([]);
      expect([manifest.version, manifest.bin, manifest.engines]).toEqual([pkg.version, pkg.bin, pkg.engines]);
      const grade = path.join(prefix, 'bin/grade');
      // Run from an empty folder, so nothing of the clone can be found by accident.
      const cwd = mkdtempSync(path.join(work, 'cwd-'));
      const version = await shell(`${grade} --version`, { cwd });
      expect([version.code, version.stdout.trim()]).toEqual([0, pkg.version]);
      const list = await shell(`${grade} list --json`, { cwd });
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(files.filter((f) => /^exercises\/[^/]+\.yaml$/.test(f.path)).length);
      const validate = await shell(`${grade} validate`, { cwd });
      expect([validate.code, validate.stderr]).toEqual([0, expect.stringMatching(/^\d+ exercise file\(s\) valid: /)]);
      // The two modules deferred out of vendor/dockerode.js load from their own files when first called.
      const vendor = path.join(prefix, 'lib/node_modules/grade/dist/bundle/vendor');
      const deferred = await shell(
        `node -e 'const ssh = require("./docker-modem-ssh.js"); const agent = ssh({ host: "127.0.0.1" }); console.log(typeof agent.createConnection, typeof require("./dockerode-session.js"))'`,
        { cwd: vendor },
      );
      expect([deferred.code, deferred.stdout]).toEqual([0, 'function function\n']);
      // The board's SQLite store is the one piece not shipped: one line says how to add it.
      writeFileSync(path.join(cwd, 'class.yaml'), 'students:\n  - { id: s01, name: Alice }\n');
      const board = await shell(`${grade} board --class class.yaml --listen 127.0.0.1:0`, { cwd });
      expect([board.code, board.stderr]).toEqual([
        2,
        expect.stringMatching(/^grade: the board's SQLite store needs better-sqlite3, .*npm install -g better-sqlite3@.*\n$/),
      ]);
    },
    180_000,
  );

  test.concurrent(
    "as a user without root, the README's install lines work as written and grade --version answers",
    async () => {
      // Exactly the README's two lines, the course's URL aside: a student's first step must not need sudo.
      const readme = shipped('README.md').split('\n');
      const install = readme.find((l) => l.startsWith('npm install -g --prefix ~/.local '))!;
      const pathLine = readme.find((l) => l.startsWith('export PATH="$HOME/.local/bin:$PATH"'))!.replace(/\s+#.*$/, '');
      expect([install, pathLine].every(Boolean)).toBe(true);
      const home = mkdtempSync(path.join(os.tmpdir(), 'grade-student-home-'));
      const local = path.join(home, path.basename(tarball));
      copyFileSync(tarball, local);
      await sh(`chown -R nobody: ${home}`);
      const asStudent = install.replace(/https:\/\/.*\.tgz/, local);
      const r = await shell(
        `runuser -u nobody -- env -i HOME=${home} PATH=${path.dirname(process.execPath)}:/usr/bin:/bin bash -c 'cd && ${asStudent} && ${pathLine} && grade --version && command -v grade'`,
        { timeout: 120_000 },
      );
      expect([r.code, r.code ? r.stderr : '']).toEqual([0, '']);
      expect(r.stderr).not.toMatch(/EACCES|ERR!/);
      // npm's own line first ("added 1 package in 2s"), then grade's version and where the shell finds it.
      expect(r.stdout.trim().split('\n').slice(-2)).toEqual([pkg.version, path.join(home, '.local/bin/grade')]);
    },
    180_000,
  );

  test.each(['ci/student.gitlab-ci.yml', 'ci/student.github-workflow.yml'])("%s pins this release's grader image, never :latest", (file) => {
    const template = shipped(file);
    expect(template).toMatch(new RegExp(`^  GRADE_IMAGE: \\S+/grade:${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
    expect(template).not.toMatch(/GRADE_IMAGE: \S+:latest/);
  });

  test("engines is honest: every package the bundle holds supports package.json's lowest Node", () => {
    const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };
    const lowest = semver.minVersion(pkg.engines.node)!.version;
    const lock = JSON.parse(shipped('package-lock.json')) as { packages: Record<string, { version: string; engines?: { node?: string } }> };
    const bundled = JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle-packages.json'), 'utf8')) as string[];
    expect(bundled.length).toBeGreaterThan(50);
    const tooNew = bundled.filter((p) => lock.packages[p]?.engines?.node && !semver.satisfies(lowest, lock.packages[p]!.engines!.node!));
    expect(tooNew.map((p) => `${p}@${lock.packages[p]!.version} needs node ${lock.packages[p]!.engines!.node}`)).toEqual([]);
    expect(bundled.filter((p) => !lock.packages[p])).toEqual([]);
  });
});
