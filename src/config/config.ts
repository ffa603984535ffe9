/**
 * Settings (the environment variables in README's table), validated once at start. Every problem is reported together, each with how
 * to fix it, and no message ever contains a secret's value.
 */
import { z } from 'zod';
import type { AdminList } from '../domain/alert-admins';
import type { SourceName } from '../jobs/job';
import { parseSettingDuration } from './setting-duration';
import { loadSubscriptionsFile, type SubscriptionsFile } from './subscriptions-source';

export type { AdminList } from '../domain/alert-admins';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | null;
    /** Set: connect with Socket Mode. Unset: HTTP mode on `port`. */
    appToken: string | null;
    apiUrl: string;
  };
  hume: { apiKey: string; source: SourceName; apiUrl: string };
  database: DatabaseConfig;
  port: number;
  /** Poller period in ms; null when `POLL_INTERVAL=off`. */
  pollIntervalMs: number | null;
  alertChannel: string | null;
  /**
   * Who may change alert settings (`ADMINS`): user IDs and user-group IDs. Null when unset:
   * anyone may, as before the setting existed. Workspace admins and owners always may.
   */
  admins: AdminList | null;
  /** Channel that hears about the app's own health; null: the subscribed channels do. */
  opsChannel: string | null;
  /** `SUBSCRIPTIONS_FILE`: its path and what it declared when the app started; null when unset. */
  subscriptionsFile: SubscriptionsFile | null;
  logLevel: LogLevel;
}


export const DEFAULT_HUME_URL: Record<SourceName, string> = {
  batch: 'https://api.hume.ai',
  runs: 'https://api.cloud.hume.ai',
};

/** The smallest poll period accepted: faster would only burn Hume's rate limit. */
const MIN_POLL_MS = 500;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `hume-jobs cannot start: ${problems.length} setting${problems.length === 1 ? ' is' : 's are'} missing or wrong.\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet them in the environment or in a .env file (see README, "Settings").',
    );
    this.name = 'ConfigError';
  }
}

/** `PORT=` in a .env means "use the default", not "the empty string". */
const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  HUME_API_KEY: optional,
  HUME_SOURCE: optional,
  HUME_API_URL: optional,
  DATABASE_URL: optional,
  PORT: optional,
  POLL_INTERVAL: optional,
  ALERT_CHANNEL: optional,
  ADMINS: optional,
  OPS_CHANNEL: optional,
  SUBSCRIPTIONS_FILE: optional,
  LOG_LEVEL: optional,
});

type Env = z.infer<typeof envSchema>;

/** Shows a non-secret value in an error, shortened so a pasted blob doesn't flood the log. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function loadConfig(rawEnv: Record<string, string | undefined>): Config {
  const env: Env = envSchema.parse(rawEnv);
  const problems: string[] = [];

  const botToken = env.SLACK_BOT_TOKEN ?? '';
  if (!botToken) problems.push('SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from your Slack app\'s "OAuth & Permissions" page.');
  else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (value hidden).');

  const appToken = env.SLACK_APP_TOKEN ?? null;
  if (appToken !== null && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (value hidden); leave it unset for HTTP mode.');

  const signingSecret = env.SLACK_SIGNING_SECRET ?? null;
  if (signingSecret === null && appToken === null)
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode: the signing secret from your Slack app\'s "Basic Information" page (or set SLACK_APP_TOKEN for Socket Mode).',
    );

  let slackApiUrl = env.SLACK_API_URL ?? 'https://slack.com/api/';
  if (!isHttpUrl(slackApiUrl)) problems.push(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, not ${shown(slackApiUrl)}.`);
  else if (!slackApiUrl.endsWith('/')) slackApiUrl += '/';

  const apiKey = env.HUME_API_KEY ?? '';
  if (!apiKey) problems.push('HUME_API_KEY is required: an API key from your Hume account (sent as X-Hume-Api-Key).');

  let source: SourceName = 'batch';
  if (env.HUME_SOURCE !== undefined) {
    const value = env.HUME_SOURCE.toLowerCase();
    if (value === 'batch' || value === 'runs') source = value;
    else problems.push(`HUME_SOURCE must be "batch" or "runs", not ${shown(env.HUME_SOURCE)}.`);
  }

  const humeApiUrl = (env.HUME_API_URL ?? DEFAULT_HUME_URL[source]).replace(/\/+$/, '');
  if (!isHttpUrl(humeApiUrl)) problems.push(`HUME_API_URL must be an http(s) URL such as ${DEFAULT_HUME_URL[source]}, not ${shown(humeApiUrl)}.`);

  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/hume-jobs.db', problems);

  let port = 3000;
  if (env.PORT !== undefined) {
    port = Number(env.PORT);
    if (!/^\d+$/.test(env.PORT) || port > 65535) {
      problems.push(`PORT must be a whole number from 0 to 65535, not ${shown(env.PORT)}.`);
      port = 3000;
    }
  }

  let pollIntervalMs: number | null = 30_000;
  if (env.POLL_INTERVAL !== undefined) {
    if (env.POLL_INTERVAL.toLowerCase() === 'off') pollIntervalMs = null;
    else {
      pollIntervalMs = parseSettingDuration(env.POLL_INTERVAL);
      if (pollIntervalMs === null || pollIntervalMs < MIN_POLL_MS) {
        problems.push(`POLL_INTERVAL must be a duration of at least 500ms (like 500ms, 10s, 2m) or "off", not ${shown(env.POLL_INTERVAL)}.`);
        pollIntervalMs = 30_000;
      }
    }
  }

  const alertChannel = channelSetting('ALERT_CHANNEL', env.ALERT_CHANNEL, problems);
  const opsChannel = channelSetting('OPS_CHANNEL', env.OPS_CHANNEL, problems);

  const admins = env.ADMINS === undefined ? null : parseAdmins(env.ADMINS, problems);

  // Read after HUME_SOURCE: which filters a declared subscription may use depends on it.
  const subscriptionsFile = env.SUBSCRIPTIONS_FILE === undefined ? null : loadSubscriptionsFile(env.SUBSCRIPTIONS_FILE, source, problems);

  let logLevel: LogLevel = 'info';
  if (env.LOG_LEVEL !== undefined) {
    const value = env.LOG_LEVEL.toLowerCase();
    if (value === 'debug' || value === 'info' || value === 'warn' || value === 'error') logLevel = value;
    else problems.push(`LOG_LEVEL must be one of debug, info, warn, error, not ${shown(env.LOG_LEVEL)}.`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    slack: { botToken, signingSecret, appToken, apiUrl: slackApiUrl },
    hume: { apiKey, source, apiUrl: humeApiUrl },
    database,
    port,
    pollIntervalMs,
    alertChannel,
    admins,
    opsChannel,
    subscriptionsFile,
    logLevel,
  };
}

/** A channel ID setting (ALERT_CHANNEL, OPS_CHANNEL): unset is null; anything else must look like an ID. */
function channelSetting(name: string, value: string | undefined, problems: string[]): string | null {
  if (value === undefined) return null;
  if (!/^[CGD][A-Z0-9]{2,}$/.test(value))
    problems.push(`${name} must be a channel ID like C0123456789 (in Slack: channel details, bottom of the "About" tab), not ${shown(value)}.`);
  return value;
}

function parseDatabaseUrl(value: string, problems: string[]): DatabaseConfig {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path) return { kind: 'sqlite', path };
  } else if (/^postgres(ql)?:\/\//.test(value)) {
    return { kind: 'postgres', url: value };
  }
  // The URL may hold a password: describe the expected shape without echoing it.
  problems.push('DATABASE_URL must be "sqlite:PATH" (for example sqlite:./data/hume-jobs.db) or "postgres://user:password@host:5432/db" (value hidden).');
  return { kind: 'sqlite', path: './data/hume-jobs.db' };
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;

/**
 * `ADMINS`: IDs only, never names or handles. A name can be changed by its owner, and a handle
 * by anyone who may edit the group: an ID is the only thing that keeps meaning the same person.
 */
function parseAdmins(value: string, problems: string[]): AdminList | null {
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const wrong = entries.filter((e) => !USER_ID.test(e) && !GROUP_ID.test(e));
  const how =
    'user IDs (U… or W…: in Slack, a profile → ⋮ → "Copy member ID") or user-group IDs (S…: the group\'s page, "Copy group ID"), comma-separated, e.g. ADMINS=U0123ABCD,S0456EFGH';
  if (entries.length === 0) problems.push(`ADMINS lists nobody: give ${how}, or leave it unset so anyone may change alert settings.`);
  else if (wrong.length > 0) problems.push(`ADMINS must be ${how}; not ${wrong.slice(0, 5).map(shown).join(', ')}${wrong.length > 5 ? ` and ${wrong.length - 5} more` : ''}.`);
  if (entries.length === 0 || wrong.length > 0) return null;
  const unique = [...new Set(entries)];
  return { users: unique.filter((e) => USER_ID.test(e)), groups: unique.filter((e) => GROUP_ID.test(e)) };
}
