/**
 * The one place for Slack Web API client settings. There are two, because who handles failure
 * differs:
 * - interactive (App Home publishes for a person who just opened the tab): the SDK's own retries
 *   are fine, a person is waiting and a second try is usually what they want;
 * - delivery (alerts, boards, App Home refreshes from the background): delivery handles Slack's
 *   failures itself, durably and per channel (outbox rows, Retry-After per channel, channel
 *   pacer), so the client must not retry or sit out rate limits behind its back: no retries,
 *   and a 429 is rejected at once (`rejectRateLimitedCalls`) so its Retry-After reaches the pacer.
 */
import { WebClient } from '@slack/web-api';
import type { Config } from '../config/config';
import { toBoltLogger } from '../logging/bolt-logger';
import type { Logger } from '../logging/logger';

/** How long one Slack call may take by default before it is abandoned (ms). */
export const SLACK_TIMEOUT_MS = 10_000;

export function interactiveSlackClient(config: Config): WebClient {
  return new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2 }, timeout: SLACK_TIMEOUT_MS });
}

export function deliverySlackClient(slack: Pick<Config['slack'], 'botToken' | 'apiUrl'>, logger: Logger, timeoutMs = SLACK_TIMEOUT_MS): WebClient {
  return new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger: toBoltLogger(logger),
  });
}
