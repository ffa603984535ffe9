/** One subscription as the store hands it back, for tests of what reads subscriptions. */
import type { Subscription } from '../../src/domain/channel';
import { ANY_JOB } from '../../src/jobs/job-match';

let nextId = 1;

/** Every job, completed and failed, in channel C0123ABC, unless told otherwise; each gets its own id. */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: nextId++,
    channelId: 'C0123ABC',
    kinds: ['completed', 'failed'],
    match: ANY_JOB,
    mention: null,
    createdBy: 'U1',
    createdAt: Date.UTC(2026, 10, 28, 12),
    overdueMs: null,
    ...overrides,
  };
}
