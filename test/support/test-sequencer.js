'use strict';
/*
 * Long suites first, on a fresh clone too. Jest orders suites by the durations
 * it cached on earlier runs; without them (a fresh clone, CI, --no-cache) it
 * orders by file size, and the longest suites of the fast loop are 3-line files
 * (board-bounds.*.test.ts) that then start last and keep the run waiting on
 * them alone. A suite's weight is the longer of jest's cached duration and the
 * seconds measured in test/support/suite-seconds.json; a suite in neither is
 * taken as a short one. Only the order changes: which suites run, and how, does not.
 *
 * Refresh the seconds from a run of the fast loop:
 *   npx jest --selectProjects unit --maxWorkers=4 --json --outputFile=/tmp/u.json
 *   node test/support/test-sequencer.js /tmp/u.json
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const SECONDS_FILE = path.join(__dirname, 'suite-seconds.json');
const ROOT = path.join(__dirname, '..', '..');
/** Suites shorter than this are left out of the file: their order hardly matters. */
const LISTED_FROM_SECONDS = 2;
/** What a suite found neither in jest's cache nor in the file is taken to last. */
const UNKNOWN_SECONDS = 1;

class LongSuitesFirst extends Sequencer {
  sort(tests) {
    let measured = {};
    try {
      measured = JSON.parse(readFileSync(SECONDS_FILE, 'utf8'));
    } catch {
      // No file: jest's own durations, and every other suite taken as short.
    }
    // The longer of the two: jest also caches the time of a run filtered by -t, which ran a few of a suite's tests.
    const seconds = (test) => {
      const cached = this.time(test);
      const listed = measured[path.relative(ROOT, test.path).split(path.sep).join('/')];
      if (cached == null && listed == null) return UNKNOWN_SECONDS;
      return Math.max((cached ?? 0) / 1000, listed ?? 0);
    };
    const weight = new Map(tests.map((t) => [t, seconds(t)]));
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return weight.get(b) - weight.get(a);
    });
  }
}

module.exports = LongSuitesFirst;

if (require.main === module) {
  const [jsonFile] = process.argv.slice(2);
  if (!jsonFile) {
    process.stderr.write('usage: node test/support/test-sequencer.js JEST-JSON-OUTPUT\n');
    process.exit(2);
  }
  const run = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const rows = run.testResults
    .map((r) => [path.relative(ROOT, r.name).split(path.sep).join('/'), Math.round((r.endTime - r.startTime) / 100) / 10])
    .filter(([, s]) => s >= LISTED_FROM_SECONDS)
    .sort((a, b) => b[1] - a[1]);
  writeFileSync(SECONDS_FILE, `${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
  process.stdout.write(`${rows.length} suites of ${LISTED_FROM_SECONDS} s or more written to ${path.relative(process.cwd(), SECONDS_FILE)}\n`);
}
