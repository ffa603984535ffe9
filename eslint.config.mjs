// Type-aware lint: an un-awaited promise in the poller or a listener is a lost alert or a crash.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rules of ARCHITECTURE.md, as lint: a wrong import fails `npm test`.
const ARCH = 'see ARCHITECTURE.md';
/** Runtime and I/O packages: the domain gets its inputs as arguments and returns plain data. */
const IO_PACKAGES = {
  group: ['@slack/bolt', '@slack/web-api', '@slack/socket-mode', 'undici', 'pg', 'better-sqlite3', 'pino', 'prom-client', 'dotenv', 'node:*', 'fs', 'http', 'https', 'net'],
  message: `The domain does no I/O: take what it needs as an argument (${ARCH}).`,
};
/** Tooling (the Hume/Slack stand-ins, the terminal demo) is never part of the running app. */
const NO_TOOLING = { regex: '^(?:\\.\\./)+(?:simulator|demo)(?:/|$)', message: `The app does not depend on its stand-ins or the demo (${ARCH}).` };
/** Only the entry point builds the app; others may name its type. */
const NO_ROOT = { regex: '^(?:\\.\\./)+app$', allowTypeImports: true, message: `Only src/index.ts uses the composition root (${ARCH}).` };
/**
 * A domain folder imports only the domain folders below it; not the store port, not even its
 * types (the domain's own types are in domain/, which the store speaks in).
 */
function domainRules(folder, mayUse) {
  const allowed = mayUse.join('|') || '(?!)';
  return { files: [`src/${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
    { regex: `^\\.\\./(?!(?:${allowed})/)`, message: `src/${folder}/ is domain: it may import ${mayUse.join(', ') || 'nothing outside itself'} (${ARCH}).` },
    IO_PACKAGES,
  ] }] } };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/simulator/**', 'src/demo/**', 'src/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_TOOLING, NO_ROOT] }] },
  },
  domainRules('text', []),
  domainRules('jobs', ['text']),
  domainRules('domain', ['jobs', 'text']),
  domainRules('commands', ['jobs', 'text']),
  domainRules('reports', ['domain', 'jobs', 'text']),
  domainRules('alerts', ['domain', 'jobs', 'text', 'reports']),
  domainRules('messages', ['domain', 'jobs', 'text', 'reports', 'alerts']),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
