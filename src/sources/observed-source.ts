/**
 * Wraps a source so every answer (or failure) from Hume updates `/healthz`. Commands and the
 * poller then report a rejected key or a retired API without each of them remembering to.
 */
import type { Clock } from '../clock';
import { HumeRetiredError, HumeUnauthorizedError, HumeUnavailableError } from '../hume/errors';
import type { Health } from '../health/health';
import type { JobSource } from './source';

export function observeSource(source: JobSource, health: Health, clock: Clock): JobSource {
  const observe = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      health.recordHumeSuccess(clock.now());
      return result;
    } catch (error) {
      if (error instanceof HumeRetiredError) {
        health.recordHumeProblem(
          'retired',
          source.name === 'batch'
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
  return {
    name: source.name,
    unsupported: (filter) => source.unsupported(filter),
    listPage: (filter, cursor, options) => observe(() => source.listPage(filter, cursor, options)),
    getJob: (id, options) => observe(() => source.getJob(id, options)),
    findByPrefix: (prefix, options) => observe(() => source.findByPrefix(prefix, options)),
  };
}
