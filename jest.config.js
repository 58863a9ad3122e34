/*
 * Two projects. `unit`: every *.test.ts, engine-free, in parallel, with no
 * engine reachable (DOCKER_HOST points nowhere, so a suite that needs one
 * fails at once instead of hiding in the fast loop). `engine`: every
 * *.engine.test.ts, against a real Docker engine; those suites share fixed
 * names and ports (test1, web_server, 8080), so one engine runs them in band —
 * scripts/run-tests.js gives each shard an engine and a loopback of its own.
 */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/checks', '<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // get-port 7 (inside testcontainers) is ESM-only; jest on Node 20 cannot require it.
    '^.+/node_modules/get-port/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!get-port/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.engine\\.test\\.ts$'],
      globalSetup: '<rootDir>/test/support/unit-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'engine',
      testMatch: ['**/*.engine.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  // Global options: jest reads them here, not in a project.
  testTimeout: 60000,
  // Long suites first even on a fresh clone, where jest has no durations cached.
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
};
