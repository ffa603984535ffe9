/**
 * `.env.example` is the settings a new install fills in: every variable of README's settings
 * table, each with a comment, no secret filled in, and empty values that really mean the
 * defaults README gives (read by the app's own settings loader, through dotenv as at start).
 */
import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../../src/config/config';

const ROOT = resolve(__dirname, '../../..');
const example = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** The variables in the first column of README's "Settings" table. */
function readmeSettings(): string[] {
  const section = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
  return [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
}

test('it lists every setting of the README table, and nothing else', () => {
  const settings = readmeSettings();
  expect(settings.length).toBeGreaterThanOrEqual(12);
  expect(Object.keys(parse(example)).sort()).toEqual([...settings].sort());
});

test('each setting has a comment right above it', () => {
  const lines = example.split('\n');
  for (const name of readmeSettings()) {
    const at = lines.findIndex((l) => l.startsWith(`${name}=`));
    expect(lines[at - 1]).toMatch(/^# /);
  }
});

test('no value is filled in, so no secret is, and empty means the documented default', () => {
  const values = parse(example);
  expect(Object.entries(values).filter(([, v]) => v !== '')).toEqual([]);
  const config = loadConfig({ ...values, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', HUME_API_KEY: 'k' });
  expect(config).toMatchObject({
    slack: { appToken: null, apiUrl: 'https://slack.com/api/' },
    hume: { source: 'batch', apiUrl: 'https://api.hume.ai' },
    database: { kind: 'sqlite', path: './data/hume-jobs.db' },
    port: 3000,
    pollIntervalMs: 30_000,
    alertChannel: null,
    logLevel: 'info',
  });
});
