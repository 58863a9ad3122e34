// Loaded with NODE_OPTIONS=--require by tests of time limits: forces a full
// garbage collection every GRADE_TEST_GC_EVERY_MS (default 500 ms) while grade
// waits, as a long run eventually does on its own. Node 20 refuses --expose-gc in
// NODE_OPTIONS, so the flag is set here and gc() taken from a fresh context.
'use strict';
const v8 = require('node:v8');
const vm = require('node:vm');
const fs = require('node:fs');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let count = 0;
const every = Number(process.env.GRADE_TEST_GC_EVERY_MS) || 500;
setInterval(() => {
  gc();
  count++;
}, every).unref();
process.on('exit', () => {
  if (process.env.GRADE_TEST_GC_LOG) fs.appendFileSync(process.env.GRADE_TEST_GC_LOG, `${process.pid} ${count}\n`);
});
