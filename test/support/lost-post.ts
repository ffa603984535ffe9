/**
 * The crash window as the store and Slack see it: an alert row whose deliverer claimed it,
 * recorded its intent and posted (the message is in the channel, tagged with the row), then died
 * before recording the message's ts.
 */
import type { WebClient } from '@slack/web-api';
import type { AlertPayload } from '../../src/domain/alert-payload';
import { ALERT_EVENT_TYPE } from '../../src/delivery/find-posted';
import type { Store } from '../../src/store/store';
import type { TestClock } from './clock';
import { makeJob } from './jobs';

export async function seedLostPost(store: Store, client: WebClient, clock: TestClock, channelId: string): Promise<{ rowId: number; jobId: string }> {
  const job = makeJob({ status: 'failed', errorMessage: 'boom' });
  const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'failed' }, mention: null };
  await store.commitCycle({
    upsertJobs: [],
    alerts: [{ channelId, jobId: job.id, dedupeKey: `job:${job.id}:failed:${channelId}`, payload, createdAt: clock.now() }],
    progress: {},
  });
  const [row] = await store.claimOutbox(clock.now(), 10, 'dead-replica', 60_000);
  await store.recordPosted(row!.id, 'main:intent', String(clock.now()));
  await client.chat.postMessage({
    channel: channelId,
    text: 'Job failed',
    metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { outbox_id: row!.id, step: 'main' } },
  });
  return { rowId: row!.id, jobId: job.id };
}
