/**
 * Baseline: what Hume's TypeScript SDK offers (`Job.awaitCompletion`): GET /v0/batch/jobs/{id}
 * for each unfinished job, every cycle. Its cost follows the number of unfinished jobs, and it
 * only knows the jobs it was handed (the ones this process submitted): jobs started by anyone
 * else are never seen. It is given the account's unfinished jobs once, at the start.
 */
import type { BatchClient } from '../../src/hume/batch/client';
import type { Watcher } from './watcher';

const FINISHED = new Set(['COMPLETED', 'FAILED']);

export function createPollByIdWatcher(client: BatchClient, unfinishedIds: readonly string[]): Watcher {
  const watching = new Map<string, string | null>(unfinishedIds.map((id) => [id, null]));
  return {
    name: 'poll each unfinished job',
    async cycle() {
      let changes = 0;
      // One after the other, as awaitCompletion callers in one loop would (and as the app polls).
      for (const [id, last] of [...watching]) {
        const { state } = await client.getJob(id);
        if (last !== null && last !== state.status) changes += 1;
        if (FINISHED.has(state.status)) watching.delete(id);
        else watching.set(id, state.status);
      }
      return changes;
    },
  };
}
