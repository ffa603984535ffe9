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

function humeObserver(health: Health, clock: Clock, source: SourceName): Observe {
  return async (call) => {
    try {
      const result = await call();
      health.recordHumeSuccess(clock.now());
      return result;
    } catch (error) {
      if (error instanceof HumeRetiredError) {
        health.recordHumeProblem(
          'retired',
          source === 'batch'
            ? 'Hume retired the batch jobs API (June 2026); set HUME_SOURCE=runs to follow the current API.'
            : `Hume answered HTTP ${error.status} for the runs API route; check HUME_API_URL.`,
        );
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
  };
}
