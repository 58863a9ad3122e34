#!/usr/bin/env node
'use strict';
/*
 * The shipped build: `npm run build:dist` compiles only src/ and checks/ into
 * dist/, then this bundles the CLI and every pure-JavaScript dependency into
 * dist/bundle/, so an installed grade is a handful of files with no
 * dependency to fetch or build. What the package ships is package.json's
 * `files`; test/package.test.ts checks `npm pack --dry-run` against it.
 *
 * Kept out of the bundle, loaded only where they are used and only if present:
 * - better-sqlite3 (native; the live board's SQLite store, an optional peer
 *   dependency: src/board/sqlite-store.ts says how to add it);
 * - ssh2's optional native crypto and cpu-features, pg-native: their callers
 *   try them and fall back to JavaScript.
 */
const { build } = require('esbuild');
const { copyFileSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist');
const out = path.join(compiled, 'bundle');

const optionalNative = ['better-sqlite3', 'cpu-features', 'pg-native'];

/*
 * dockerode requires its BuildKit session code (gRPC, protobufjs) and
 * docker-modem its SSH transport (ssh2) when loaded, though grade calls
 * neither on a local engine (src/docker/dockerode.ts explains). In the bundle
 * each becomes a stand-in that loads the real module on its first call, from
 * a vendor file of its own: inside vendor/dockerode.js they were 1.6 of its
 * 2 MB, read and parsed by every run that talks to an engine.
 */
const deferred = [
  {
    importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/,
    request: './session',
    file: 'dockerode-session',
    real: () => require.resolve('dockerode/lib/session.js'),
  },
  { importer: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/, request: './ssh', file: 'docker-modem-ssh', real: () => require.resolve('docker-modem/lib/ssh.js') },
];

const deferFunctionModules = {
  name: 'defer-function-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\/(session|ssh)$/ }, (args) => {
      const d = deferred.find((d) => d.importer.test(args.importer) && d.request === args.path);
      return d ? { path: d.file, namespace: 'deferred' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents:
        `let real;\n` +
        `module.exports = function (...args) {\n` +
        `  real ??= require(${JSON.stringify(`./${args.path}.js`)});\n` +
        `  return real.apply(this, args);\n` +
        `};\n`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/[a-z-]+\.js$/, namespace: 'deferred' }, (args) => ({ path: args.path, external: true }));
  },
};

/*
 * The SSH transport's ssh2 is the one vendor/ssh2.js already holds (grade's
 * own SSH targets use it): the deferred file requires it from there rather
 * than carrying a second copy.
 */
const sharedSsh2 = {
  name: 'shared-ssh2',
  setup(b) {
    b.onResolve({ filter: /^ssh2$/ }, (args) =>
      /[\\/]docker-modem[\\/]lib[\\/]ssh\.js$/.test(args.importer) ? { path: 'ssh2', namespace: 'shared-ssh2' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'shared-ssh2' }, () => ({ contents: vendorExport('.', 'ssh2'), loader: 'js' }));
    b.onResolve({ filter: /^\.\/ssh2\.js$/, namespace: 'shared-ssh2' }, (args) => ({ path: args.path, external: true }));
  },
};

/*
 * The report templates ship precompiled (report-templates.generated.js, copied
 * below), for handlebars' runtime: src/report/template-precompiler.ts, which
 * precompiles them when the generated module is missing or stale and so loads
 * handlebars' compiler and source-map, becomes a stand-in that says to rebuild.
 */
const noTemplateCompiler = {
  name: 'no-template-compiler',
  setup(b) {
    b.onResolve({ filter: /^\.\/template-precompiler$/ }, (args) => ({ path: args.path, namespace: 'no-template-compiler' }));
    b.onLoad({ filter: /.*/, namespace: 'no-template-compiler' }, () => ({
      contents:
        `exports.precompiledNow = () => {\n` +
        `  throw new Error("grade's report templates differ from the ones this build precompiled: rebuild it (npm run build:dist, then node scripts/bundle.js)");\n` +
        `};\n`,
      loader: 'js',
    }));
  },
};

/*
 * docker-modem formats every request's options for its debug log
 * (util.inspect, all hidden properties, any depth) before it calls debug,
 * whether or not DEBUG asks for that log: some 5-15 ms of a student's run.
 * In the bundle the formatting happens only when the log is on.
 */
const quietModemDebug = {
  name: 'quiet-modem-debug',
  setup(b) {
    b.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, (args) => {
      const source = require('node:fs').readFileSync(args.path, 'utf8');
      const call = "debug('Sending: %s', util.inspect(options, {";
      if (!source.includes(call)) throw new Error(`bundle: ${args.path} no longer logs its requests as quiet-modem-debug expects: look again`);
      return { contents: source.replace(call, `debug.enabled && ${call}`), loader: 'js' };
    });
  },
};

/** Native add-ons (`*.node`) are never bundled: the code that loads them catches their absence. */
const externalNativeAddons = {
  name: 'external-native-addons',
  setup(b) {
    b.onResolve({ filter: /\.node$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/*
 * One file for the project's own code and one per third-party package it
 * imports (vendor/<package>.js, that package with its dependencies): the CLI
 * still loads a package only when a command needs it, as the compiled tree
 * does, but reads one file instead of hundreds. A single bundle would make
 * `grade --version` parse every dependency first. Packages that hand each
 * other their own objects share one file, so they share one copy of what is
 * checked with instanceof (ajv-formats builds code with ajv's codegen).
 */
const vendorGroups = {
  ajv: ['ajv', 'ajv-formats', 'ajv/dist/standalone'],
  fastify: ['fastify', '@fastify/rate-limit'],
  // src/http/undici-request.ts: request, Agent and the global dispatcher share undici's classes.
  undici: ['undici', 'undici/lib/api/api-request', 'undici/lib/dispatcher/agent', 'undici/lib/global'],
};

function vendorGroup(specifier) {
  const group = Object.keys(vendorGroups).find((g) => vendorGroups[g].includes(specifier));
  return group ?? specifier.replace(/\//g, '__');
}

const builtins = new Set(require('node:module').builtinModules);

/** A module that is package `spec` as the vendor file holding it (in folder `dir`, relative to the requiring file) exports it. */
function vendorExport(dir, spec) {
  return `module.exports = require(${JSON.stringify(`${dir}/${vendorGroup(spec)}.js`)})[${JSON.stringify(spec)}];\n`;
}

/** In the project's bundle, `require('pkg')` becomes `require('./vendor/<group>.js')['pkg']`. */
function vendorReferences(imported) {
  return {
    name: 'vendor-references',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === 'vendor' || args.path.startsWith('node:') || builtins.has(args.path) || optionalNative.includes(args.path)) return undefined;
        imported.add(args.path);
        return { path: args.path, namespace: 'vendor' };
      });
      b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: vendorExport('./vendor', args.path), loader: 'js' }));
      b.onResolve({ filter: /^\.\/vendor\//, namespace: 'vendor' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/** Each vendor file exports its packages by name, each loaded on first use. */
function vendorEntries(imported) {
  const groups = new Map();
  for (const spec of imported) groups.set(vendorGroup(spec), [...(groups.get(vendorGroup(spec)) ?? []), spec]);
  return {
    entryPoints: Object.fromEntries([...groups.keys()].map((g) => [`vendor/${g}`, `vendor-entry:${g}`])),
    plugin: {
      name: 'vendor-entries',
      setup(b) {
        b.onResolve({ filter: /^vendor-entry:/ }, (args) => ({ path: args.path.slice('vendor-entry:'.length), namespace: 'vendor-entry' }));
        b.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, (args) => ({
          contents: groups
            .get(args.path)
            .map((spec) => `Object.defineProperty(exports, ${JSON.stringify(spec)}, { enumerable: true, get: () => require(${JSON.stringify(spec)}) });\n`)
            .join(''),
          resolveDir: root,
          loader: 'js',
        }));
      },
    },
  };
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning', metafile: true };
  const imported = new Set();
  const own = await build({
    ...common,
    entryPoints: { grade: path.join(compiled, 'src/cli/main.js') },
    outdir: out,
    external: optionalNative,
    plugins: [noTemplateCompiler, vendorReferences(imported)],
    // src/docker/dockerode.ts looks dockerode up on disk and, bundled, finds it is not there: by design.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  asciiComments(path.join(out, 'grade.js'));
  const { entryPoints, plugin } = vendorEntries(imported);
  if (!imported.has('ssh2')) throw new Error('bundle: vendor/ssh2.js, which the deferred SSH transport requires, is not built');
  for (const d of deferred) entryPoints[`vendor/${d.file}`] = d.real();
  const vendor = await build({
    ...common,
    entryPoints,
    outdir: out,
    external: optionalNative,
    plugins: [plugin, deferFunctionModules, sharedSsh2, quietModemDebug, externalNativeAddons],
  });
  /*
   * The generated validators are required by path from next to the module
   * that uses them (__dirname is now dist/bundle): each is bundled with the
   * few ajv runtime helpers it requires. The catalogue is data, and the
   * precompiled templates require nothing: both copied.
   */
  await build({
    ...common,
    entryPoints: {
      'exercise-validator.generated': path.join(compiled, 'src/exercise/exercise-validator.generated.js'),
      'result-validator.generated': path.join(compiled, 'src/result/result-validator.generated.js'),
    },
    outdir: out,
  });
  copyFileSync(path.join(compiled, 'src/exercise/exercise-catalogue.generated.json'), path.join(out, 'exercise-catalogue.generated.json'));
  copyFileSync(path.join(compiled, 'src/report/report-templates.generated.js'), path.join(out, 'report-templates.generated.js'));
  // Which installed packages the shipped code comes from, for test/package.test.ts (engines), outside what is shipped.
  const packages = new Set();
  for (const r of [own, vendor])
    for (const input of Object.keys(r.metafile.inputs)) packages.add(/^(node_modules\/(?:.*\/node_modules\/)?(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]);
  packages.delete(undefined);
  writeFileSync(path.join(compiled, 'bundle-packages.json'), `${JSON.stringify([...packages].sort(), null, 2)}\n`);
  const mb = (r) => (Object.values(r.metafile.outputs).reduce((n, o) => n + o.bytes, 0) / 1e6).toFixed(1);
  console.log(`bundle: dist/bundle/grade.js ${mb(own)} MB; ${imported.size} packages in dist/bundle/vendor/, ${mb(vendor)} MB`);
}

/*
 * esbuild writes strings as ASCII escapes but keeps a few comments as they
 * are, and one dash in a comment is enough for V8 to hold the whole 0.6 MB
 * source of the file as two bytes per character: the comments' own non-ASCII
 * characters are written in ASCII instead.
 */
function asciiComments(file) {
  const { readFileSync } = require('node:fs');
  const plain = { '\u2014': '--', '\u2013': '-', '\u2026': '...', '\u2192': '->', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u00d7': 'x' };
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? line.replace(/[^\x00-\x7f]/g, (c) => plain[c] ?? '?') : line))
    .join('\n');
  writeFileSync(file, text);
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text))
    console.log(`bundle: ${path.basename(file)} still holds non-ASCII characters outside comments: V8 keeps it two bytes a character`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
