// @ts-check
/*
 * The floors of grade, top to bottom (DESIGN.md, "Third wave"). A folder may
 * import its own floor's folders listed after it and any floor below; never
 * a folder listed before it. Read as one total order, that also rules out a
 * cycle between folders; no-folder-cycles says so in its own words.
 */
const floors = [
  ['src/cli'],
  ['src/board', 'src/batch', 'src/watch', 'src/examples'],
  ['src/history', 'src/report'],
  ['src/runner'],
  // The repository target builds and runs what an exercise's repo section names.
  ['src/grading-target'],
  ['src/exercise'],
  ['checks'],
  ['src/check'],
  ['src/config', 'src/registry', 'src/ssh', 'src/repo', 'src/docker', 'src/http'],
  ['src/errors', 'src/package', 'src/files', 'src/time', 'src/concurrency', 'src/words', 'src/messages'],
  ['src/result'],
];
const order = floors.flat();
/*
 * An area's words (its phrases in every language) live beside it in a words/
 * folder of their own, import nothing, and are gathered by src/messages/catalog.ts
 * below every floor: so they stand outside the floors, and any floor may name them.
 */
const words = '/words/[^/]+\\.words\\.ts$';
const pattern = (place) => `^${place.replace(/\./g, '\\.')}${place.endsWith('.ts') ? '$' : '/'}`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...order.slice(1).map((place, i) => ({
      name: 'no-import-up',
      comment: `${place} sits below ${order.slice(0, i + 1).join(', ')}: it may not import them (.dependency-cruiser.js lists the floors)`,
      severity: 'error',
      from: { path: pattern(place) },
      to: { path: order.slice(0, i + 1).map(pattern), pathNot: words },
    })),
    {
      name: 'words-import-nothing',
      comment: 'a words file is data every floor may read: it imports nothing',
      severity: 'error',
      from: { path: words },
      to: {},
    },
    {
      name: 'words-in-words-folders',
      comment: 'an area keeps its words in its words/ folder, where the floors let everyone read them',
      severity: 'error',
      from: {},
      to: { path: '\\.words\\.ts$', pathNot: words },
    },
    {
      name: 'no-folder-cycles',
      comment: 'folders import each other in one direction only',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    { name: 'no-module-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'every-place-has-a-floor',
      comment: 'a new folder of src/ gets its floor in .dependency-cruiser.js',
      severity: 'error',
      from: { path: '^(src|checks)/', pathNot: order.map(pattern) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '^src/.*/write-[^/]+\\.ts$'] },
    // Type-only imports are dependencies too: a floor that names a type from above still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
