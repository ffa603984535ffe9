/**
 * Which Hume API the app speaks to, chosen from config: the only module that builds a source.
 */
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { createBatchClient } from '../hume/batch/client';
import type { HumeHttp } from '../hume/http';
import { createRunsClient } from '../hume/runs/client';
import type { Logger } from '../logging/logger';
import { createBatchFeed } from './batch/batch-feed';
import { createBatchSource } from './batch/batch-source';
import { createRunsFeed } from './runs/runs-feed';
import { createRunsSource } from './runs/runs-source';
import type { ChangeFeed, JobSource } from './source';

/** The one place that knows both Hume APIs: everything after it speaks the job model. */
export function buildSource(
  config: Config,
  interactive: HumeHttp,
  background: HumeHttp,
  clock: Clock,
  logger: Logger,
): { source: JobSource; feed: ChangeFeed } {
  if (config.hume.source === 'runs') {
    const log = logger.child({ component: 'runs-source' });
    return {
      source: createRunsSource({ client: createRunsClient(interactive, log), clock, logger: log }),
      feed: createRunsFeed(createRunsClient(background, log), { logger: log, clock, pollIntervalMs: config.pollIntervalMs ?? undefined }),
    };
  }
  const log = logger.child({ component: 'batch-source' });
  return {
    source: createBatchSource({ client: createBatchClient(interactive, log), clock, logger: log }),
    feed: createBatchFeed(createBatchClient(background, log), clock, { logger: log }),
  };
}
