import { BACKLOG_DIGEST_JOBS, foldBacklog } from '../../../src/alerts/backlog-digest';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { outboxKind, type OutboxRow } from '../../../src/domain/outbox';
import type { Job, StatusKind } from '../../../src/jobs/job';
import { makeJob } from '../../support/jobs';

const AT = Date.UTC(2026, 10, 28, 10);
const CHANNEL = 'C0123ABC';

let nextId = 100;
function row(payload: AlertPayload): OutboxRow {
  nextId += 1;
  const jobId = payload.type === 'job' ? payload.change.job.id : payload.type === 'overdue' ? payload.job.id : null;
  return { id: nextId, channelId: CHANNEL, jobId, kind: outboxKind(payload), dedupeKey: `k${nextId}`, payload, createdAt: AT, attempts: 0, postedTs: null, steps: {}, lastError: null };
}
const change = (job: Job, from: StatusKind | null, to: StatusKind, mention: string | null = null): AlertPayload => ({ type: 'job', change: { job: { ...job, status: to }, from, to }, mention });
const overdue = (job: Job): AlertPayload => ({ type: 'overdue', job, ageMs: 3_600_000, typicalMs: 60_000, limitMs: null, mention: '@oncall' });

/** A backlog small enough for one digest. */
function foldOne(channelId: string, rows: OutboxRow[], at: number) {
  const digests = foldBacklog(channelId, rows, at);
  expect(digests).toHaveLength(1);
  return digests[0]!;
}

describe('foldBacklog', () => {
  const a = makeJob({ status: 'queued' });
  const b = makeJob({ status: 'running' });
  const c = makeJob({ status: 'queued' });

  it('shows each job once, with its first from and its last state, in the order jobs first changed', () => {
    const rows = [row(change(a, 'queued', 'running')), row(change(b, 'running', 'failed', '@oncall')), row(change(a, 'running', 'completed'))];
    const folded = foldOne(CHANNEL, rows, AT);
    expect(folded).toMatchObject({ channelId: CHANNEL, jobId: null, createdAt: AT });
    expect(folded.payload).toEqual({
      type: 'digest',
      catchUp: false,
      mention: '@oncall',
      changes: [
        { job: { ...a, status: 'completed' }, from: 'queued', to: 'completed' },
        { job: { ...b, status: 'failed' }, from: 'running', to: 'failed' },
      ],
    });
    expect(outboxKind(folded.payload)).toBe('digest');
  });

  it('merges earlier digests and overdue alerts; a job that changed after going overdue shows its change only', () => {
    const digest: AlertPayload = { type: 'digest', changes: [{ job: c, from: null, to: 'queued' }], catchUp: false, mention: null };
    const rows = [row(overdue(a)), row(overdue(b)), row(digest), row(change(a, 'running', 'completed'))];
    const payload = foldOne(CHANNEL, rows, AT).payload;
    expect(payload.type === 'digest' && payload.changes.map((x) => [x.job.id, x.to])).toEqual([
      [c.id, 'queued'],
      [a.id, 'completed'],
    ]);
    expect(payload.type === 'digest' && payload.overdue?.map((x) => x.job.id)).toEqual([b.id]);
    // Changes in it: not an overdue-only digest, so no overdue rule (and its kind is a digest).
    expect(payload.type === 'digest' && payload.overdueRule).toBeUndefined();
    expect(payload.mention).toBe('@oncall');
  });

  it('overdue alerts alone fold into an overdue digest with the rule', () => {
    const payload = foldOne(CHANNEL, [row(overdue(a)), row(overdue(b))], AT).payload;
    expect(payload).toMatchObject({ type: 'digest', changes: [], overdueRule: { typicalMs: 60_000, limitMs: null } });
    expect(outboxKind(payload)).toBe('overdue');
  });

  it('is named by the rows it folds: the same rows give the same key, other rows another', () => {
    const rows = [row(change(a, 'queued', 'running')), row(change(b, 'running', 'completed'))];
    expect(foldOne(CHANNEL, rows, AT).dedupeKey).toBe(foldOne(CHANNEL, rows, AT + 5).dedupeKey);
    expect(foldOne(CHANNEL, rows.slice(1), AT).dedupeKey).not.toBe(foldOne(CHANNEL, rows, AT).dedupeKey);
  });
});

test('an overdue line for a job an overdue digest told already is not said again', () => {
  const told = makeJob({ status: 'queued' });
  const line: AlertPayload = { type: 'overdue', job: told, ageMs: 1, typicalMs: null, mention: null, threadOnly: true };
  const payload = foldOne(CHANNEL, [row(line), row(change(makeJob(), 'queued', 'running'))], AT).payload;
  expect(payload.type === 'digest' && payload.overdue).toBeUndefined();
});

test('a backlog of more jobs than a digest names is told in digests of at most that many, in order; a later row of a job a digest holds joins that digest', () => {
  const jobs = Array.from({ length: BACKLOG_DIGEST_JOBS + 5 }, () => makeJob({ status: 'running' }));
  const first = jobs[0]!;
  // The first job changes again right at the start, then once more after the fifteenth.
  const rows = [row(change(first, 'queued', 'running')), row(change(first, 'running', 'completed'))];
  for (const job of jobs.slice(1, BACKLOG_DIGEST_JOBS)) rows.push(row(change(job, 'running', 'completed')));
  rows.push(row(change(first, 'completed', 'running')));
  for (const job of jobs.slice(BACKLOG_DIGEST_JOBS)) rows.push(row(change(job, 'running', 'failed')));
  const digests = foldBacklog(CHANNEL, rows, AT);
  const named = digests.map((d) => (d.payload.type === 'digest' ? d.payload.changes.map((c) => [c.job.id, c.from, c.to]) : []));
  expect(named).toHaveLength(2);
  expect(named[0]).toHaveLength(BACKLOG_DIGEST_JOBS);
  // The job the first digest holds joins it again rather than open a new one.
  expect(named[0]![0]).toEqual([first.id, 'queued', 'running']);
  expect(named[1]).toEqual(jobs.slice(BACKLOG_DIGEST_JOBS).map((j) => [j.id, 'running', 'failed']));
  expect(new Set(digests.map((d) => d.dedupeKey)).size).toBe(2);
});
