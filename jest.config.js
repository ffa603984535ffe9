/**
 * Two projects so each can run alone: pure units, and tests over real sockets and databases.
 * Each has one time limit for all its tests (none sets its own): a bound for a stuck test, far
 * above what a test takes on a busy machine, since no test's outcome depends on the machine's
 * speed. Jest reads `testTimeout` from the top level only, so each project hands its own to
 * test/support/test-timeout.ts through `globals`.
 */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/support/test-timeout.ts'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], globals: { TEST_TIMEOUT_MS: 15_000 } },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], globals: { TEST_TIMEOUT_MS: 120_000 } },
  ],
};
