#!/usr/bin/env node
'use strict';
/*
 * The folder `npm pack` packs into the tarball students install: dist/package,
 * holding package.json's `files` (the bundle scripts/bundle.js made, docs/ that the
 * README links, the exercises, schemas, templates), README and LICENSE, and a package.json of
 * its own without scripts, dev dependencies or overrides. With the clone's
 * package.json, npm 11 warned on every install that grade has a `prepare`
 * script (a clone's build, which never runs on install) and named a flag to
 * allow it: a student should not have to wonder about that.
 *
 *   node scripts/stage-package.js      (after npm run build:dist and node scripts/bundle.js)
 *   npm pack ./dist/package
 */
const { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'package');
const pkg = require(path.join(root, 'package.json'));

/** What an installed grade reads of its own package.json: who it is, how it runs, what it needs. */
const SHIPPED_FIELDS = [
  'name',
  'version',
  'description',
  'license',
  'private',
  'bin',
  'files',
  'exports',
  'engines',
  'peerDependencies',
  'peerDependenciesMeta',
];

function main() {
  if (!existsSync(path.join(root, 'dist', 'bundle', 'grade.js')))
    throw new Error('stage-package: no dist/bundle/grade.js; run npm run build:dist, then node scripts/bundle.js');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const entry of [...pkg.files, 'README.md', 'LICENSE']) cpSync(path.join(root, entry), path.join(out, entry), { recursive: true });
  const manifest = Object.fromEntries(SHIPPED_FIELDS.filter((f) => pkg[f] !== undefined).map((f) => [f, pkg[f]]));
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`stage-package: dist/package holds grade ${pkg.version} as it ships; npm pack ./dist/package makes the tarball`);
}

main();
