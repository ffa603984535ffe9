/** Each jest project's one time limit per test (jest.config.js `globals.TEST_TIMEOUT_MS`). */
const limit = (globalThis as { TEST_TIMEOUT_MS?: unknown }).TEST_TIMEOUT_MS;
if (typeof limit !== 'number') throw new Error('jest.config.js must set globals.TEST_TIMEOUT_MS for every project');
jest.setTimeout(limit);
