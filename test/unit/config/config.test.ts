import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';
import { parseSettingDuration } from '../../../src/config/setting-duration';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-secret-bot-token',
  SLACK_SIGNING_SECRET: 'very-secret-signing',
  HUME_API_KEY: 'hume-secret-key',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  test('defaults are the documented ones', () => {
    const config = loadConfig(valid);
    expect(config).toEqual({
      slack: { botToken: valid.SLACK_BOT_TOKEN, signingSecret: valid.SLACK_SIGNING_SECRET, appToken: null, apiUrl: 'https://slack.com/api/' },
      hume: { apiKey: valid.HUME_API_KEY, source: 'batch', apiUrl: 'https://api.hume.ai' },
      database: { kind: 'sqlite', path: './data/hume-jobs.db' },
      port: 3000,
      pollIntervalMs: 30_000,
      alertChannel: null,
      admins: null,
      opsChannel: null,
      subscriptionsFile: null,
      logLevel: 'info',
    });
  });

  test('the runs source defaults to its own base URL', () => {
    expect(loadConfig({ ...valid, HUME_SOURCE: 'runs' }).hume.apiUrl).toBe('https://api.cloud.hume.ai');
  });

  test('every setting is read', () => {
    const config = loadConfig({
      ...valid,
      SLACK_SIGNING_SECRET: undefined,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      HUME_SOURCE: 'RUNS',
      HUME_API_URL: 'http://127.0.0.1:8888/',
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      PORT: '0',
      POLL_INTERVAL: '500ms',
      ALERT_CHANNEL: 'C0123ABC',
      ADMINS: ' U0ADA1, S0ONCALL ,W0GRID9,U0ADA1',
      OPS_CHANNEL: 'G0OPS42',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config.slack).toEqual({ botToken: valid.SLACK_BOT_TOKEN, signingSecret: null, appToken: 'xapp-1-abc', apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(config.hume).toEqual({ apiKey: valid.HUME_API_KEY, source: 'runs', apiUrl: 'http://127.0.0.1:8888' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@localhost:5432/db' });
    expect(config.port).toBe(0);
    expect(config.pollIntervalMs).toBe(500);
    expect(config.alertChannel).toBe('C0123ABC');
    expect(config.admins).toEqual({ users: ['U0ADA1', 'W0GRID9'], groups: ['S0ONCALL'] });
    expect(config.opsChannel).toBe('G0OPS42');
    expect(config.logLevel).toBe('debug');
  });

  test('empty strings mean unset, as in a .env file with `PORT=`', () => {
    expect(loadConfig({ ...valid, PORT: '', POLL_INTERVAL: ' ' }).port).toBe(3000);
  });

  test('POLL_INTERVAL=off disables the poller', () => {
    expect(loadConfig({ ...valid, POLL_INTERVAL: 'off' }).pollIntervalMs).toBeNull();
  });

  test('sqlite paths keep their form', () => {
    expect(loadConfig({ ...valid, DATABASE_URL: 'sqlite:/var/lib/hume/jobs.db' }).database).toEqual({ kind: 'sqlite', path: '/var/lib/hume/jobs.db' });
  });

  test('every problem is reported at once, with how to fix it', () => {
    const problems = problemsOf({
      HUME_SOURCE: 'jobs',
      PORT: 'eighty',
      POLL_INTERVAL: '10 parsecs',
      ALERT_CHANNEL: '#general',
      ADMINS: '@ada, U0OK1, <@U0BOB>',
      OPS_CHANNEL: '#ops',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      SLACK_API_URL: 'not a url',
    });
    expect(problems).toHaveLength(12);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is required in HTTP mode/);
    expect(problems.join('\n')).toMatch(/HUME_API_KEY is required/);
    expect(problems.join('\n')).toMatch(/HUME_SOURCE must be "batch" or "runs", not "jobs"/);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/POLL_INTERVAL must be a duration/);
    expect(problems.join('\n')).toMatch(/ALERT_CHANNEL must be a channel ID/);
    expect(problems.join('\n')).toMatch(/OPS_CHANNEL must be a channel ID like C0123456789 [^\n]*not "#ops"/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/ADMINS must be user IDs .* not "@ada", "<@U0BOB>"\./);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be/);
    expect(problems.join('\n')).toMatch(/SLACK_API_URL must be an http\(s\) URL/);
  });

  test('ADMINS: IDs only; a list of nobody is refused rather than read as "anyone"', () => {
    expect(problemsOf({ ...valid, ADMINS: ' , ' }).join('\n')).toMatch(/ADMINS lists nobody/);
    expect(problemsOf({ ...valid, ADMINS: 'ada' }).join('\n')).toMatch(/ADMINS must be user IDs \(U… or W….*user-group IDs \(S…/);
    expect(problemsOf({ ...valid, ADMINS: 'C0CHANNEL' })).toHaveLength(1);
    expect(loadConfig({ ...valid, ADMINS: '' }).admins).toBeNull();
    expect(loadConfig({ ...valid, ADMINS: 'S0ONLY' }).admins).toEqual({ users: [], groups: ['S0ONLY'] });
  });

  test('SUBSCRIPTIONS_FILE: read at start, its problems listed with the others and prefixed with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subs-file-'));
    const good = join(dir, 'good.yml');
    writeFileSync(good, 'channels:\n  C0123ABCD:\n    subscriptions:\n      - statuses: [failed]\n');
    expect(loadConfig({ ...valid, SUBSCRIPTIONS_FILE: good }).subscriptionsFile?.settings.channels).toEqual([
      expect.objectContaining({ channelId: 'C0123ABCD', subscriptions: [expect.objectContaining({ kinds: ['failed'] })] }),
    ]);
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'channels:\n  C0123ABCD:\n    overdu: 45m\n    subscriptions:\n      - statuses: [faild]\n');
    const problems = problemsOf({ ...valid, SUBSCRIPTIONS_FILE: bad, LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith(`SUBSCRIPTIONS_FILE (${bad}): `))).toHaveLength(2);
    expect(problemsOf({ ...valid, SUBSCRIPTIONS_FILE: join(dir, 'missing.yml') })).toEqual([expect.stringMatching(/missing\.yml\): there is no such file/)]);
  });

  test('secret values never appear in a problem', () => {
    const error = (() => {
      try {
        loadConfig({
          SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
          SLACK_APP_TOKEN: 'bad-app-token-secret',
          HUME_API_KEY: 'hume-secret',
          DATABASE_URL: 'mysql://root:hunter2@db/x',
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).not.toMatch(/xoxp-user-token-secret|bad-app-token-secret|hunter2/);
    expect(error.problems).toHaveLength(3);
  });

  test('a too-fast poll interval is refused', () => {
    expect(problemsOf({ ...valid, POLL_INTERVAL: '100ms' })).toEqual([expect.stringMatching(/at least 500ms/)]);
  });
});

describe('parseSettingDuration', () => {
  test.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    [' 30S ', 30_000],
    ['30', null],
    ['s', null],
    ['-1s', null],
    ['1d', null],
  ])('%j → %j', (text, expected) => {
    expect(parseSettingDuration(text)).toBe(expected);
  });
});
