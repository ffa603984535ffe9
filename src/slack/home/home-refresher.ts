/**
 * Keeps every App Home viewer's tab current, on the active replica only: viewers live in the
 * store, so one who opened the tab on a standby is refreshed too, and a restart or handover
 * keeps them. After poll cycles that changed something (and once a minute, for changes made on
 * other replicas, like a subscription), it builds the tab once and publishes it to each viewer
 * whose copy shows other content, at most once per `minGapMs` per viewer.
 *
 * `views.publish` is Tier 4 (docs.slack.dev reference/methods/views.publish: Tier 4, 100+ per
 * minute, per workspace): the refresher paces its calls to `perMinute`, below that, leaving room
 * for the publishes people trigger by opening the tab, and sits out any Retry-After Slack sends.
 * A few hundred viewers take a few minutes; nobody waits on it (the tab is a dashboard).
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import type { Logger } from '../../logging/logger';
import { startLoop, type Loop } from '../../runtime/loop';
import type { ChannelSettings, HomeViewer, HomeViewerStore, JobStore, SettingChangeLog } from '../../store/store';
import type { SourceName } from '../../jobs/job';
import { loadHome, type HomeContent } from './home-view';
import { classifyPublishFailure } from './publish-failure';
import type { Worker } from '../../runtime/workers';

export interface HomeRefresherOptions {
  /** The viewers it keeps current, and what their tab shows (jobs, channel settings). */
  store: HomeViewerStore & JobStore & ChannelSettings & SettingChangeLog;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  /** False when POLL_INTERVAL=off (the tab then says so). */
  polling: boolean;
  /** Which Hume API the tab speaks of (runs have no queue). */
  source?: SourceName;
  /** Whether this replica may write to Slack (it holds the lease). */
  isActive?: () => boolean;
  /** At most one publish per viewer this often. */
  minGapMs?: number;
  /** How often to look without news. */
  refreshMs?: number;
  /** The refresher's own pace for `views.publish`. */
  perMinute?: number;
  /** A viewer who has not opened the tab for this long is dropped. */
  viewerTtlMs?: number;
  /** Viewers per round: the tab is rebuilt between rounds, so a long refresh shows fresh content. */
  batch?: number;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface HomeRefresher extends Worker {
  /** Jobs changed: look again now (publishes still wait for each viewer's gap and the pace). */
  changed(): void;
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Outcome = 'published' | 'dropped' | 'stop';

export function createHomeRefresher(options: HomeRefresherOptions): HomeRefresher {
  const { store, client, clock, logger } = options;
  const minGapMs = options.minGapMs ?? 30_000;
  const refreshMs = options.refreshMs ?? 60_000;
  const callGapMs = Math.ceil(60_000 / (options.perMinute ?? 90));
  const viewerTtlMs = options.viewerTtlMs ?? 30 * DAY_MS;
  const batch = options.batch ?? 30;
  let loop: Loop | null = null;
  let stopping = new AbortController();
  /** No call before this (Unix ms): the pace, or Slack's Retry-After. */
  let nextCallAt = 0;
  let prunedAt = -Infinity;

  const active = () => !options.isActive || options.isActive();

  /** Waits for the pace; false when the refresher is stopping meanwhile. */
  async function paced(): Promise<boolean> {
    const wait = nextCallAt - clock.now();
    if (wait > 0) await clock.sleep(wait, stopping.signal).catch(() => undefined);
    return !stopping.signal.aborted && active();
  }

  async function publish(viewer: HomeViewer, home: HomeContent): Promise<Outcome> {
    for (;;) {
      if (!(await paced())) return 'stop';
      try {
        await client.views.publish({ user_id: viewer.userId, view: home.view });
      } catch (error) {
        const failure = classifyPublishFailure(error);
        if (failure.kind === 'rate_limited') {
          nextCallAt = clock.now() + failure.retryAfterMs;
          logger.info({ retryAfterMs: failure.retryAfterMs }, 'App Home refresh paused: Slack asked to wait');
          continue;
        }
        nextCallAt = clock.now() + callGapMs;
        if (failure.kind === 'viewer') {
          logger.info({ user: viewer.userId, error: failure.error }, 'App Home viewer dropped: Slack does not know the user');
          await store.removeHomeViewer(viewer.userId);
          return 'dropped';
        }
        logger.warn({ user: viewer.userId, error: failure.error }, 'App Home not refreshed; will try again');
        return 'stop';
      }
      nextCallAt = clock.now() + callGapMs;
      // The gap counts from Slack's answer, the latest moment the publish can have landed.
      await store.homePublished(viewer.userId, home.fingerprint, clock.now());
      return 'published';
    }
  }

  /** One round; returns how long to wait before the next. */
  async function round(): Promise<number> {
    const now = clock.now();
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      const dropped = await store.pruneHomeViewers(now - viewerTtlMs);
      if (dropped > 0) logger.info({ dropped }, 'App Home viewers dropped: not seen for a long time');
      prunedAt = now;
    }
    // No fingerprint is empty, so this finds anyone seen lately: without viewers, nothing to build.
    if ((await store.staleHomeViewers('', now - viewerTtlMs, 1)).length === 0) return refreshMs;
    const home = await loadHome(store, now, options.polling, options.source);
    const stale = await store.staleHomeViewers(home.fingerprint, now - viewerTtlMs, batch);
    for (const viewer of stale) {
      // Least recently published first: once one is inside its gap, so are the rest.
      const dueAt = viewer.publishedAt === null ? 0 : viewer.publishedAt + minGapMs;
      if (dueAt > clock.now()) return Math.min(refreshMs, dueAt - clock.now());
      const outcome = await publish(viewer, home);
      if (outcome === 'stop') return stopping.signal.aborted ? 0 : minGapMs;
    }
    // A full batch: there may be more, after a fresh look at the content.
    return stale.length === batch ? 0 : refreshMs;
  }

  return {
    name: 'app-home',
    start() {
      if (loop) return;
      stopping = new AbortController();
      loop = startLoop(clock, async () => {
        try {
          return await round();
        } catch (error) {
          logger.warn({ err: error }, 'App Home refresh round failed');
          return minGapMs;
        }
      });
    },
    async stop() {
      stopping.abort();
      await loop?.stop();
      loop = null;
    },
    changed() {
      loop?.wake();
    },
  };
}
