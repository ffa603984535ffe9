/**
 * Wraps a source or a feed so every answer (or failure) from Hume updates `/healthz`. Commands
 * and the poller then report a rejected key or a retired API without each remembering to.
 */
import type { Clock } from '../clock';
import { HumeRetiredError, HumeUnauthorizedError, HumeUnavailableError } from '../hume/errors';
import type { Health } from '../health/health';
import type { SourceName } from '../jobs/job';
import type { ChangeFeed, JobSource } from './source';

type Observe = <T>(call: () => Promise<T>) => Promise<T>;

/**
 * One 404 on the list route may be a wrong HUME_API_URL or a passing gateway fault; the API is
 * reported retired once it answers so this many times in a row.
 */
export const RETIRED_AFTER = 2;

function humeObserver(health: Health, clock: Clock, source: SourceName): Observe {
  let goneInARow = 0;
  return async (call) => {
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
      } else if (error instanceof HumeUnavailableError) {
        health.recordHumeProblem('unavailable', error.timedOut ? 'Hume did not answer in time.' : `Hume answered HTTP ${error.status}.`);
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
    listPage: (filter, cursor, options) => observe(() => source.listPage(filter, cursor, options)),
    getJob: (id, options) => observe(() => source.getJob(id, options)),
    findByPrefix: (prefix, options) => observe(() => source.findByPrefix(prefix, options)),
  };
}

export function observeFeed(feed: ChangeFeed, health: Health, clock: Clock): ChangeFeed {
  const observe = humeObserver(health, clock, feed.name);
  return {
    name: feed.name,
    listActive: (options) => observe(() => feed.listActive(options)),
    listCreatedSince: (since, options) => observe(() => feed.listCreatedSince(since, options)),
    getJob: (id, options) => observe(() => feed.getJob(id, options)),
    ...(feed.enrichFailure ? { enrichFailure: (job, options) => observe(() => feed.enrichFailure!(job, options)) } : {}),
    ...(feed.historyPage ? { historyPage: (range, from, options) => observe(() => feed.historyPage!(range, from, options)) } : {}),
  };
}
