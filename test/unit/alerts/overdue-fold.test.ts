import type { DigestPayload, OverduePayload } from '../../../src/domain/alert-payload';
import { outboxKind } from '../../../src/domain/outbox';
import type { OverdueRule } from '../../../src/alerts/overdue';
import { foldOverdue, mayFoldOverdue, planOverdue } from '../../../src/alerts/plan-alerts';
import { buildDigest } from '../../../src/messages/alerts';
import type { Subscription } from '../../../src/domain/channel';
import { makeJob } from '../../support/jobs';
import { makeSubscription } from '../../support/subscriptions';

const now = Date.UTC(2026, 10, 28, 12);
const MIN = 60_000;
const rule: OverdueRule = { thresholdMs: 30 * MIN, typicalMs: 10 * MIN };
const sub = (channelId: string, mention: string | null, overdueMs: number | null = null): Subscription =>
  makeSubscription({ channelId, kinds: ['failed'], mention, createdAt: now, overdueMs });
const stalled = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    makeJob({ status: i % 3 === 0 ? 'queued' : 'running', rawStatus: i % 3 === 0 ? 'QUEUED' : 'IN_PROGRESS', createdAt: now - 60 * MIN, startedAt: i % 3 === 0 ? null : now - 59 * MIN, endedAt: null }),
  );
const options = { now, digestThreshold: 10 };

describe('foldOverdue', () => {
  const jobs = stalled(30);
  const rows = planOverdue(jobs, rule, [sub('C1', '<!here>'), sub('C2', '<!subteam^S1>', 45 * MIN)], now);

  test('30 jobs overdue at once: one digest per channel with its mention, and a thread-only row per job', () => {
    expect(mayFoldOverdue(rows, 10)).toBe(true);
    const folded = foldOverdue(rows, new Set(), options);
    for (const [channel, mention, limitMs] of [['C1', '<!here>', null], ['C2', '<!subteam^S1>', 45 * MIN]] as const) {
      const mine = folded.filter((r) => r.channelId === channel);
      const digests = mine.filter((r) => r.payload.type === 'digest');
      expect(digests.map((r) => outboxKind(r.payload))).toEqual(['overdue']);
      expect(digests).toHaveLength(1);
      const digest = digests[0]!.payload as DigestPayload;
      expect(digest).toMatchObject({ type: 'digest', changes: [], mention, overdueRule: { typicalMs: 10 * MIN, limitMs } });
      expect(digest.overdue!.map((o) => o.job.id)).toEqual(jobs.map((j) => j.id));
      // Digest first, then the thread lines, each keeping the job's own dedupe key (said once).
      expect(mine[0]).toBe(digests[0]);
      const lines = mine.slice(1);
      expect(lines.map((r) => r.dedupeKey)).toEqual(jobs.map((j) => `job:${j.id}:overdue:${channel}`));
      for (const line of lines) expect(line.payload).toMatchObject({ type: 'overdue', threadOnly: true, mention: null });
    }
  });

  test('jobs reported in an earlier cycle are left out; the rest fold only past the threshold', () => {
    const reported = new Set(rows.filter((r) => r.channelId === 'C1').slice(0, 25).map((r) => r.dedupeKey));
    const folded = foldOverdue(rows, reported, options);
    // C1: 5 new ones, under the threshold: their own alerts, with the mention, as before.
    const c1 = folded.filter((r) => r.channelId === 'C1');
    expect(c1.map((r) => r.jobId)).toEqual(jobs.slice(25).map((j) => j.id));
    for (const row of c1) expect((row.payload as OverduePayload).threadOnly).toBeUndefined();
    expect(folded.filter((r) => r.channelId === 'C2' && r.payload.type === 'digest')).toHaveLength(1);
    // Everything reported already: nothing at all.
    expect(foldOverdue(rows, new Set(rows.map((r) => r.dedupeKey)), options)).toEqual([]);
  });

  test('ten or fewer in a channel are not folded, and need no look-up of what was said', () => {
    const few = planOverdue(stalled(10), rule, [sub('C1', '<!here>')], now);
    expect(mayFoldOverdue(few, 10)).toBe(false);
    expect(foldOverdue(few, new Set(), options)).toEqual(few);
  });

  test('the digest says how many are overdue, in which state and why, with the mention once', () => {
    const [digest] = foldOverdue(rows, new Set(), options);
    const message = buildDigest(digest!.payload as DigestPayload, now);
    expect(message.text).toBe('<!here> 30 jobs overdue — 10 queued, 20 running');
    const rendered = JSON.stringify(message.blocks);
    expect(rendered.match(/<!here>/g)).toHaveLength(1);
    expect(rendered).toContain('10 queued, 20 running for too long. Jobs here usually take 10 min from submission to end.');
    expect(rendered).toContain(`${jobs[1]!.id.slice(0, 8)}`);
    expect(rendered).toContain('has been running for 1 h');
    expect(rendered).not.toContain('No jobs changed');
  });
});
