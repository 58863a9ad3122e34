#!/usr/bin/env node
'use strict';
// A clone runs what `npm run build` compiled; the package ships only the bundle (scripts/bundle.js).
const compiled = require('node:path').join(__dirname, '../dist/src/cli/main.js');
require(require('node:fs').existsSync(compiled) ? compiled : '../dist/bundle/grade.js').run();
