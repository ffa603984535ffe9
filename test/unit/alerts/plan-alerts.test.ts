import type { JobChange } from '../../../src/domain/alert-payload';
import { outboxKind } from '../../../src/domain/outbox';
import type { OverdueRule } from '../../../src/alerts/overdue';
import { planAlerts, planOverdue } from '../../../src/alerts/plan-alerts';
import type { Subscription } from '../../../src/domain/channel';
import { makeJob } from '../../support/jobs';
import { makeSubscription } from '../../support/subscriptions';
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';

const now = Date.UTC(2026, 10, 28, 12);
const sub = (
  channelId: string,
  kinds: Subscription['kinds'],
  mention: string | null = null,
  overdueMs: Subscription['overdueMs'] = null,
  match: JobMatch = ANY_JOB,
): Subscription => makeSubscription({ channelId, kinds, mention, createdAt: now, overdueMs, match });
const change = (from: JobChange['from'], to: JobChange['to']): JobChange => ({ job: makeJob({ status: to }), from, to });
const options = { now, digestThreshold: 10, catchUp: false };

describe('planAlerts', () => {
  test('a channel hears about the kinds it subscribed to, once per job and status', () => {
    const changes = [change('running', 'completed'), change('queued', 'running'), change(null, 'failed')];
    const rows = planAlerts(changes, [sub('C1', ['completed', 'failed'], '<!subteam^S1>')], options);
    expect(rows.map((r) => [r.channelId, r.jobId, outboxKind(r.payload)])).toEqual([
      ['C1', changes[0]!.job.id, 'job'],
      ['C1', changes[2]!.job.id, 'job'],
    ]);
    expect(rows[1]!.dedupeKey).toBe(`job:${changes[2]!.job.id}:failed:C1`);
    expect(rows[1]!.payload).toEqual({ type: 'job', change: changes[2], mention: '<!subteam^S1>' });
  });

  test('a job the channel was told about is followed when it leaves that kind (errored → live)', () => {
    const recovered = change('failed', 'running');
    expect(planAlerts([recovered], [sub('C1', ['failed'])], options)).toHaveLength(1);
    expect(planAlerts([recovered], [sub('C2', ['completed'])], options)).toHaveLength(0);
  });

  test('more than the threshold for one channel becomes one digest; other channels are unaffected', () => {
    const many = Array.from({ length: 11 }, () => change('running', 'completed'));
    const rows = planAlerts(many, [sub('C1', ['completed']), sub('C2', ['failed'])], options);
    expect(rows).toHaveLength(1);
    expect(outboxKind(rows[0]!.payload)).toBe('digest');
    expect(rows[0]!.jobId).toBeNull();
    expect((rows[0]!.payload as { changes: unknown[] }).changes).toHaveLength(11);
  });

  test('exactly the threshold still alerts one by one', () => {
    const ten = Array.from({ length: 10 }, () => change('running', 'completed'));
    expect(planAlerts(ten, [sub('C1', ['completed'])], options).map((r) => outboxKind(r.payload))).toEqual(Array(10).fill('job'));
  });

  test('after downtime the digest is a catch-up summary', () => {
    const many = Array.from({ length: 12 }, () => change('running', 'failed'));
    const [row] = planAlerts(many, [sub('C1', ['failed'])], { ...options, catchUp: true });
    expect(outboxKind(row!.payload)).toBe('catchup');
    expect(row!.payload).toMatchObject({ type: 'digest', catchUp: true });
  });
});

describe('planOverdue', () => {
  const MIN = 60_000;
  const rule: OverdueRule = { thresholdMs: 30 * MIN, typicalMs: 10 * MIN };
  const old = makeJob({ status: 'running', rawStatus: 'IN_PROGRESS', createdAt: now - 120 * MIN, endedAt: null });
  const middle = makeJob({ status: 'queued', rawStatus: 'QUEUED', createdAt: now - 50 * MIN, startedAt: null, endedAt: null });
  const young = makeJob({ status: 'queued', rawStatus: 'QUEUED', createdAt: now - 20 * MIN, startedAt: null, endedAt: null });
  const active = [old, middle, young];
  const alerted = (rows: ReturnType<typeof planOverdue>) => rows.map((r) => [r.channelId, r.jobId]);

  test('the learnt rule alerts only channels subscribed to failed or running jobs, past its threshold', () => {
    const subs = [sub('C1', ['failed']), sub('C2', ['running']), sub('C3', ['completed']), sub('C4', ['queued']), sub('C5', ['queued', 'completed'])];
    expect(alerted(planOverdue(active, rule, subs, now))).toEqual([
      ['C1', old.id],
      ['C1', middle.id],
      ['C2', old.id],
      ['C2', middle.id],
    ]);
  });

  test('without a learnt rule, channels on it get nothing', () => {
    expect(planOverdue(active, null, [sub('C1', ['failed']), sub('C2', ['running', 'completed'])], now)).toEqual([]);
  });

  test('a channel limit applies whatever the kinds, and with or without a rule', () => {
    const subs = [sub('C3', ['completed'], null, 60 * MIN), sub('C4', ['queued'], null, 15 * MIN)];
    const expected = [
      ['C3', old.id],
      ['C4', old.id],
      ['C4', middle.id],
      ['C4', young.id],
    ];
    expect(alerted(planOverdue(active, rule, subs, now))).toEqual(expected);
    expect(alerted(planOverdue(active, null, subs, now))).toEqual(expected);
  });

  test('a channel limit replaces the learnt threshold, in both directions', () => {
    // Stricter than the rule (30 min): the 20-minute job counts. Looser: the 50-minute one does not.
    expect(alerted(planOverdue(active, rule, [sub('C1', ['failed'], null, 10 * MIN)], now))).toEqual([
      ['C1', old.id],
      ['C1', middle.id],
      ['C1', young.id],
    ]);
    expect(alerted(planOverdue(active, rule, [sub('C1', ['failed'], null, 90 * MIN)], now))).toEqual([['C1', old.id]]);
  });

  test('0 turns overdue alerts off, even for a failures channel with a rule', () => {
    expect(planOverdue(active, rule, [sub('C1', ['failed', 'running'], '<!here>', 0)], now)).toEqual([]);
  });

  test('jobs not older than the limit, finished jobs and jobs without a creation time are left alone', () => {
    const exactly = makeJob({ status: 'running', createdAt: now - 45 * MIN, endedAt: null });
    const justOver = makeJob({ status: 'running', createdAt: now - 45 * MIN - 1, endedAt: null });
    const finished = makeJob({ status: 'failed', createdAt: now - 300 * MIN });
    const undated = makeJob({ status: 'queued', createdAt: null, startedAt: null, endedAt: null });
    const rows = planOverdue([exactly, justOver, finished, undated], null, [sub('C1', ['completed'], null, 45 * MIN)], now);
    expect(alerted(rows)).toEqual([['C1', justOver.id]]);
    expect((rows[0]!.payload as { ageMs: number }).ageMs).toBe(45 * MIN + 1);
  });

  test('one row per job and channel, keyed job:<id>:overdue:<channel>, carrying the limit and what is usual', () => {
    const rows = planOverdue([old], rule, [sub('C1', ['failed'], '<!subteam^S1>'), sub('C9', ['completed'], null, 60 * MIN)], now);
    expect(rows.map((r) => outboxKind(r.payload))).toEqual(['overdue', 'overdue']);
    expect(rows).toEqual([
      {
        channelId: 'C1',
        jobId: old.id,
        dedupeKey: `job:${old.id}:overdue:C1`,
        payload: { type: 'overdue', job: old, ageMs: 120 * MIN, typicalMs: 10 * MIN, limitMs: null, mention: '<!subteam^S1>' },
        createdAt: now,
      },
      {
        channelId: 'C9',
        jobId: old.id,
        dedupeKey: `job:${old.id}:overdue:C9`,
        payload: { type: 'overdue', job: old, ageMs: 120 * MIN, typicalMs: 10 * MIN, limitMs: 60 * MIN, mention: null },
        createdAt: now,
      },
    ]);
  });

  test('typicalMs is null when there is no learnt rule', () => {
    const [row] = planOverdue([old], null, [sub('C9', ['failed'], null, 60 * MIN)], now);
    expect(row!.payload).toEqual({ type: 'overdue', job: old, ageMs: 120 * MIN, typicalMs: null, limitMs: 60 * MIN, mention: null });
  });
});
