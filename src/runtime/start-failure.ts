/**
 * Starting for real: ask Slack and Hume once before serving, and turn whatever stops the start
 * into one line that names the service, the address tried and what to check. A wrong token, key
 * or URL is found in the first second instead of by the first user; nothing is served half-way.
 */
import { WebClient } from '@slack/web-api';
import type { HumeJobsApp } from '../app';
import type { Config } from '../config/config';
import { HumeError, HumeInvalidResponseError, HumeRateLimitedError, HumeRetiredError, HumeUnauthorizedError, HumeUnavailableError } from '../hume/errors';
import { defaultFilter } from '../jobs/filter';
import { toBoltLogger } from '../logging/bolt-logger';
import type { Logger } from '../logging/logger';

/** A start-up check that failed, already said as the line to print. */
export class StartFailure extends Error {
  override readonly name = 'StartFailure';
}

/** Slack's answers to auth.test that mean the token itself is wrong (docs.slack.dev reference/methods/auth.test: errors). */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** A few quick tries: enough for a blip, short enough that a wrong address is said at once. */
const PREFLIGHT_RETRY = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 };
const PREFLIGHT_TIMEOUT_MS = 10_000;

/** An address as shown: no user, password, query or fragment, which may hold a secret. */
export function shownUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '(an address that is not a URL)';
  }
}

/** The first `code` (ECONNREFUSED, ENOTFOUND…) down an error's chain of causes. */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause, original } = current as { code?: unknown; cause?: unknown; original?: unknown };
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    // fetch says only "fetch failed"; the reason (`bad port`, an address family…) is its cause.
    if (cause === undefined && original === undefined && current instanceof Error && depth > 0) return current.message.slice(0, 60);
    current = original ?? cause;
  }
  return null;
}

interface SlackApiError {
  code?: string;
  data?: { error?: string };
  statusCode?: number;
}

function slackLine(error: SlackApiError, config: Config, tokenName: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): string | null {
  const at = shownUrl(config.slack.apiUrl);
  const where = 'check SLACK_API_URL (default https://slack.com/api/) and that this machine can reach it';
  switch (error.code ?? '') {
    case 'slack_webapi_request_error':
      return `Slack did not answer at ${at} (${networkCode(error) ?? 'no connection'}): ${where}.`;
    case 'slack_webapi_http_error':
      return `Slack answered HTTP ${error.statusCode ?? '?'} at ${at}: ${where}.`;
    case 'slack_webapi_rate_limited_error':
      return `Slack is rate limiting this app at ${at}: wait a minute and start again.`;
    case 'slack_webapi_platform_error': {
      const said = error.data?.error ?? 'an error';
      if (!TOKEN_ERRORS.has(said)) return `Slack refused ${tokenName} at ${at} (${said}): check ${tokenName} and the app's settings at https://api.slack.com/apps.`;
      return tokenName === 'SLACK_BOT_TOKEN'
        ? `Slack rejected SLACK_BOT_TOKEN at ${at} (${said}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, after installing the app to the workspace.`
        : `Slack rejected SLACK_APP_TOKEN at ${at} (${said}): create an app-level token (xapp-…) with connections:write in Basic Information → App-Level Tokens.`;
    }
    default:
      return null;
  }
}

function humeLine(error: HumeError, config: Config): string {
  const at = shownUrl(config.hume.apiUrl);
  const where = `check HUME_API_URL (it is the ${config.hume.source} API's base) and that this machine can reach it`;
  if (error instanceof HumeUnauthorizedError) {
    return `Hume rejected HUME_API_KEY at ${at} (HTTP ${error.status}): check the key; one that expired cannot be extended, so create a new one in Hume's settings.`;
  }
  if (error instanceof HumeRetiredError) {
    const other = config.hume.source === 'batch' ? 'HUME_SOURCE=runs reads the current runs API' : 'check HUME_API_URL';
    return `Hume does not serve the ${config.hume.source} API at ${at} (HTTP ${error.status}): ${other}.`;
  }
  if (error instanceof HumeUnavailableError && error.status === 0) {
    const reason = error.timedOut ? 'no reply in time' : (networkCode(error) ?? 'no connection');
    return `Hume did not answer at ${at} (${reason}): ${where}.`;
  }
  if (error instanceof HumeInvalidResponseError) {
    return `What answered at ${at} is not Hume's ${config.hume.source} API: check HUME_API_URL and HUME_SOURCE.`;
  }
  return `Hume refused the first request at ${at} (HTTP ${error.status}): check HUME_API_URL and HUME_SOURCE.`;
}

/** Listening failed: the port is taken or not ours to use. */
function portLine(error: unknown, config: Config): string | null {
  const code = (error as { code?: unknown; syscall?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${config.port} is already in use: stop what listens there or set PORT to a free port.`;
  if (code === 'EACCES') return `This process may not listen on port ${config.port}: set PORT to a port above 1023.`;
  return null;
}

/** Every secret of the settings, so no line can repeat one whatever a library put in its message. */
function scrub(text: string, config: Config): string {
  const secrets = [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.hume.apiKey];
  if (config.database.kind === 'postgres') secrets.push(config.database.url);
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/** What went wrong and what to check, for any error thrown while starting. */
function failureLine(error: unknown, config: Config): string {
  if (error instanceof StartFailure) return error.message;
  if (error instanceof HumeError) return humeLine(error, config);
  // After the preflight passed, a Slack refusal while connecting is Socket Mode's app token.
  const tokenName = config.slack.appToken ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
  return slackLine(error as SlackApiError, config, tokenName) ?? portLine(error, config) ?? `${error instanceof Error ? error.message : String(error)}.`;
}

/** The one line to print for any failure at start: flat, short, and with no secret in it. */
export function describeStartFailure(error: unknown, config: Config): string {
  const flat = scrub(failureLine(error, config), config).replace(/\s+/g, ' ').trim();
  return `hume-jobs cannot start: ${flat.length > 500 ? `${flat.slice(0, 499)}…` : flat}`;
}

/** Slack: the bot token works (auth.test). Socket Mode's app token is tried by Bolt itself when it connects. */
async function checkSlack(config: Config, logger: Logger): Promise<void> {
  // The client's own "request failed" warnings would repeat, in pieces, the one line said below.
  const bolt = toBoltLogger(logger.child({ component: 'preflight' }));
  const debug = (...msg: unknown[]) => bolt.debug(...msg);
  const quiet = { ...bolt, info: debug, warn: debug, error: debug };
  const client = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: PREFLIGHT_RETRY,
    timeout: PREFLIGHT_TIMEOUT_MS,
    logger: quiet,
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.auth.test();
      return;
    } catch (error) {
      const waitMs = slackOutageWait(error as SlackApiError, attempt);
      if (waitMs === null) throw new StartFailure(slackLine(error as SlackApiError, config, 'SLACK_BOT_TOKEN') ?? failureLine(error, config));
      logger.warn({ err: slackLine(error as SlackApiError, config, 'SLACK_BOT_TOKEN'), attempt, retryInMs: waitMs }, 'Slack is having trouble at start; trying again');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** The longest wait between two tries of a Slack that answers with an error of its own. */
const SLACK_OUTAGE_MAX_WAIT_MS = 30_000;

/**
 * Slack answering 5xx or 429 is an outage, not a wrong setting: the start waits it out (doubling,
 * at most 30 s between tries, or Slack's Retry-After) instead of exiting, so a deploy during a Slack
 * incident comes up when Slack does. A refused token or an address that does not answer is a
 * setting to fix: null, the start stops with its line.
 */
function slackOutageWait(error: SlackApiError & { retryAfter?: number }, attempt: number): number | null {
  const backoff = Math.min(SLACK_OUTAGE_MAX_WAIT_MS, 1000 * 2 ** Math.min(attempt - 1, 5));
  if (error.code === 'slack_webapi_rate_limited_error') return Math.max(1, error.retryAfter ?? 1) * 1000;
  if (error.code === 'slack_webapi_http_error' && (error.statusCode ?? 0) >= 500) return backoff;
  return null;
}

/**
 * Hume: one page of one job. A key that is refused or an address that does not answer stops
 * the start; Hume answering 5xx or 429 is an outage, not a wrong setting, so the app starts and
 * /healthz and the replies say Hume is in trouble until it is not.
 */
async function checkHume(app: HumeJobsApp, logger: Logger): Promise<void> {
  try {
    await app.source.listPage({ ...defaultFilter(), limit: 1 }, null);
  } catch (error) {
    const outage = error instanceof HumeRateLimitedError || (error instanceof HumeUnavailableError && error.status !== 0);
    if (!outage) throw error;
    logger.warn({ err: error.message }, 'Hume is having trouble at start; starting anyway');
  }
}

/** Checks Slack and Hume, then starts the app; a failure is a StartFailure with its line. */
export async function startChecked(app: HumeJobsApp, config: Config, logger: Logger): Promise<number> {
  await checkSlack(config, logger);
  await checkHume(app, logger);
  return app.start();
}
