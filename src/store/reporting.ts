/**
 * How the store's state reaches operators: `/healthz` (503 with the reason while the database
 * is unavailable) and the logs, one line when an outage starts and one when it ends.
 */
import type { Health } from '../health/health';
import type { Logger } from '../logging/logger';
import type { OpenStoreOptions } from './index';

/** `onChange` hears the same changes (the leader steps down and back). */
export function storeReporting(health: Health, logger: Logger, onChange?: (state: 'ok' | 'unavailable') => void): OpenStoreOptions {
  let downSince: number | null = null;
  return {
    onAvailability(availability) {
      onChange?.(availability.state);
      if (availability.state === 'unavailable') {
        downSince = availability.since;
        health.setStore('calls', { reason: availability.reason ?? 'unknown', since: availability.since });
        logger.error({ reason: availability.reason }, 'store unavailable: polling and delivery wait for the database; commands that need it fail');
        return;
      }
      health.setStore('calls', null);
      const downMs = downSince === null ? null : availability.since - downSince;
      downSince = null;
      logger.info({ downMs }, 'store available again');
    },
    onFirstStart(notice) {
      logger[notice.level](notice.msg);
    },
  };
}
