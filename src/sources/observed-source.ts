/**
 * Wraps a source or a feed so every answer (or failure) from Hume updates `/healthz`. Commands
 * and the poller then report a rejected key or a retired API without each remembering to.
 */
import type { Clock } from '../clock';
import { HumeBadRequestError, HumeInvalidResponseError, HumeRateLimitedError, HumeRetiredError, HumeUnauthorizedError, HumeUnavailableError } from '../hume/errors';
import type { Health } from '../health/health';
import type { SourceName } from '../jobs/job';
import type { ChangeFeed, JobSource } from './source';

/**
 * `perJob`: the call is about one job (`job <id>`, the poller's GET of a tracked job). Its server
 * errors and unreadable answers are that job's problem (the poller records it as unreadable), not
 * an outage of Hume: the lists say that.
 */
type Observe = <T>(call: () => Promise<T>, perJob?: boolean) => Promise<T>;

/**
 * One 404 on the list route may be a wrong HUME_API_URL or a passing gateway fault; the API is
 * reported retired once it answers so this many times in a row.
 */
export const RETIRED_AFTER = 2;

function humeObserver(health: Health, clock: Clock, source: SourceName, polling = false): Observe {
  let goneInARow = 0;
  return async (call, perJob = false) => {
    try {
      const result = await call();
      goneInARow = 0;
      health.recordHumeSuccess(clock.now());
      return result;
    } catch (error) {
      goneInARow = error instanceof HumeRetiredError ? goneInARow + 1 : 0;
      if (error instanceof HumeRetiredError && goneInARow >= RETIRED_AFTER) {
        health.recordHumeProblem(
          'retired',
          source === 'batch'
            ? 'Hume retired the batch jobs API (June 2026); set HUME_SOURCE=runs to follow the current API.'
            : `Hume answered HTTP ${error.status} for the runs API route; check HUME_API_URL.`,
        );
      } else if (error instanceof HumeRetiredError) {
        health.recordHumeProblem('unavailable', `Hume answered HTTP ${error.status} for the list route.`);
      } else if (error instanceof HumeUnauthorizedError) {
        health.recordHumeProblem('unauthorized', `Hume rejected the API key (HTTP ${error.status}); set a valid HUME_API_KEY.`);
      } else if (error instanceof HumeRateLimitedError) {
        const asked = error.retryAfterMs === null ? '' : `; it asked to wait ${Math.round(error.retryAfterMs / 1000)} s`;
        health.recordHumeProblem('rate_limited', `Hume rate limited requests (HTTP 429)${asked}.`);
      } else if (perJob) {
        // One job's broken answer: the poller records that job as unreadable; Hume itself answers.
      } else if (error instanceof HumeUnavailableError) {
        health.recordHumeProblem('unavailable', error.timedOut ? 'Hume did not answer in time.' : `Hume answered HTTP ${error.status}.`);
      } else if (error instanceof HumeInvalidResponseError) {
        health.recordHumeProblem('unavailable', `Hume sent an answer that cannot be read (HTTP ${error.status}).`);
      } else if (polling && error instanceof HumeBadRequestError) {
        // The poller's own queries are fixed: Hume refusing them is Hume's state, not a user's typo.
        health.recordHumeProblem('unavailable', `Hume refused the poller's request (HTTP ${error.status}).`);
      }
      throw error;
    }
  };
}

export function observeSource(source: JobSource, health: Health, clock: Clock): JobSource {
  const observe = humeObserver(health, clock, source.name);
  return {
    name: source.name,
    unsupported: (filter) => source.unsupported(filter),
    unsupportedMatch: (match) => source.unsupportedMatch(match),
    listPage: (filter, cursor, options) => observe(() => source.listPage(filter, cursor, options)),
    getJob: (id, options) => observe(() => source.getJob(id, options), true),
    findByPrefix: (prefix, options) => observe(() => source.findByPrefix(prefix, options)),
  };
}

export function observeFeed(feed: ChangeFeed, health: Health, clock: Clock): ChangeFeed {
  const observe = humeObserver(health, clock, feed.name, true);
  return {
    name: feed.name,
    listActive: (options) => observe(() => feed.listActive(options)),
    listCreatedSince: (since, options) => observe(() => feed.listCreatedSince(since, options)),
    getJob: (id, options) => observe(() => feed.getJob(id, options), true),
    ...(feed.listFinished ? { listFinished: (departed, since, options) => observe(() => feed.listFinished!(departed, since, options)) } : {}),
    ...(feed.enrichFailure ? { enrichFailure: (job, options) => observe(() => feed.enrichFailure!(job, options), true) } : {}),
    ...(feed.historyPage ? { historyPage: (range, from, options) => observe(() => feed.historyPage!(range, from, options)) } : {}),
  };
}
