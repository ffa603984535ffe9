import type { JobChange } from '../../../src/alerts/alert-payload';
import { planAlerts } from '../../../src/alerts/plan-alerts';
import type { Subscription } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const now = Date.UTC(2026, 10, 28, 12);
const sub = (channelId: string, kinds: Subscription['kinds'], mention: string | null = null): Subscription => ({
  channelId,
  kinds,
  mention,
  createdBy: 'U1',
  createdAt: now,
  overdueMs: null,
});
const change = (from: JobChange['from'], to: JobChange['to']): JobChange => ({ job: makeJob({ status: to }), from, to });
const options = { now, digestThreshold: 10, catchUp: false };

describe('planAlerts', () => {
  test('a channel hears about the kinds it subscribed to, once per job and status', () => {
    const changes = [change('running', 'completed'), change('queued', 'running'), change(null, 'failed')];
    const rows = planAlerts(changes, [sub('C1', ['completed', 'failed'], '<!subteam^S1>')], options);
    expect(rows.map((r) => [r.channelId, r.jobId, r.kind])).toEqual([
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
    expect(rows[0]!.kind).toBe('digest');
    expect(rows[0]!.jobId).toBeNull();
    expect((rows[0]!.payload as { changes: unknown[] }).changes).toHaveLength(11);
  });

  test('exactly the threshold still alerts one by one', () => {
    const ten = Array.from({ length: 10 }, () => change('running', 'completed'));
    expect(planAlerts(ten, [sub('C1', ['completed'])], options).map((r) => r.kind)).toEqual(Array(10).fill('job'));
  });

  test('after downtime the digest is a catch-up summary', () => {
    const many = Array.from({ length: 12 }, () => change('running', 'failed'));
    const [row] = planAlerts(many, [sub('C1', ['failed'])], { ...options, catchUp: true });
    expect(row!.kind).toBe('catchup');
    expect(row!.payload).toMatchObject({ type: 'digest', catchUp: true });
  });
});
