/** Who gets a DM about which change: watches once, rules per matching change, `mine` through the link. */
import { planDirect, type DirectPlanInput } from '../../../src/alerts/plan-direct';
import type { JobChange } from '../../../src/domain/alert-payload';
import type { LinkedRule, NotifyRule } from '../../../src/domain/personal';
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import type { Job } from '../../../src/jobs/job';
import { makeJob } from '../../support/jobs';

const now = Date.UTC(2026, 10, 28, 12);
const options = { now, digestThreshold: 10 };
const change = (to: JobChange['to'], job: Partial<Job> = {}, from: JobChange['from'] = 'running'): JobChange => ({ job: makeJob({ status: to, ...job }), from, to });
const rule = (userId: string, kinds: NotifyRule['kinds'], match: Partial<JobMatch> = {}, mine = false, humeUserId: string | null = null): LinkedRule => ({
  rule: { userId, kinds, match: { ...ANY_JOB, ...match }, mine, createdAt: 0 },
  humeUserId,
});
const plan = (input: Partial<DirectPlanInput>) => planDirect({ changes: [], watches: [], finished: [], rules: [], ...input }, options);
const addressed = (input: Partial<DirectPlanInput>) => plan(input).rows.map((r) => [r.channelId, r.payload.type === 'dm' ? r.payload.changes.map((c) => c.job.id) : []]);

describe('watches', () => {
  test('a watch is told once, when its job completes or fails, and ends in the same plan', () => {
    const failed = change('failed');
    const result = plan({ changes: [failed], watches: [{ userId: 'U1', jobId: failed.job.id, createdAt: 0 }] });
    expect(result.rows).toEqual([
      {
        channelId: 'U1',
        jobId: failed.job.id,
        dedupeKey: `dm:watch:U1:${failed.job.id}:failed:${now}`,
        payload: { type: 'dm', userId: 'U1', reason: 'watch', changes: [failed], mention: null },
        createdAt: now,
      },
    ]);
    expect(result.endWatches).toEqual([{ userId: 'U1', jobId: failed.job.id }]);
  });

  test('a job that only starts running tells no watch and ends none', () => {
    const started = change('running', {}, 'queued');
    expect(plan({ changes: [started], watches: [{ userId: 'U1', jobId: started.job.id, createdAt: 0 }] })).toEqual({ rows: [], endWatches: [] });
  });

  test('a watch whose job had already ended is told with the key the change would have had', () => {
    const job = makeJob({ status: 'completed' });
    const result = plan({ finished: [{ watch: { userId: 'U1', jobId: job.id, createdAt: 0 }, job, seenAt: 1234 }] });
    expect(result.rows.map((r) => r.dedupeKey)).toEqual([`dm:watch:U1:${job.id}:completed:1234`]);
    expect(result.endWatches).toEqual([{ userId: 'U1', jobId: job.id }]);
  });
});

describe('rules', () => {
  const audio = change('failed', { source: 'runs', endpoint: 'audio', mode: 'realtime', userId: 'usr_ada' });
  const video = change('failed', { source: 'runs', endpoint: 'video', mode: 'file', userId: 'usr_bob' });
  const done = change('completed', { source: 'runs', endpoint: 'audio', mode: 'realtime', userId: 'usr_ada' });
  const changes = [audio, video, done];

  test.each<[string, LinkedRule, string[]]>([
    ['failed: every failure', rule('U1', ['failed']), [audio.job.id, video.job.id]],
    ['completed failed: every end', rule('U1', ['completed', 'failed']), [audio.job.id, video.job.id, done.job.id]],
    ['failed endpoint audio', rule('U1', ['failed'], { endpoint: 'audio' }), [audio.job.id]],
    ['failed mode file', rule('U1', ['failed'], { mode: 'file' }), [video.job.id]],
    ['failed user usr_bob', rule('U1', ['failed'], { userId: 'usr_bob' }), [video.job.id]],
    ['failed mine, linked to usr_ada', rule('U1', ['failed'], {}, true, 'usr_ada'), [audio.job.id]],
    ['failed mine without a link: nothing', rule('U1', ['failed'], {}, true, null), []],
    ['queued: nothing here', rule('U1', ['queued']), []],
  ])('%s', (_name, linked, jobs) => {
    const rows = plan({ changes, rules: [linked] }).rows;
    expect(rows.map((r) => r.jobId)).toEqual(jobs);
    for (const r of rows) expect(r.channelId).toBe('U1');
  });

  test('each person hears their own rule; keys are per person, job and change', () => {
    const rows = plan({ changes: [audio], rules: [rule('U1', ['failed']), rule('U2', ['failed'])] }).rows;
    expect(rows.map((r) => r.dedupeKey)).toEqual([`dm:rule:U1:${audio.job.id}:failed`, `dm:rule:U2:${audio.job.id}:failed`]);
    const again = { ...audio, fromSeenAt: 99 };
    expect(plan({ changes: [again], rules: [rule('U1', ['failed'])] }).rows[0]!.dedupeKey).toBe(`dm:rule:U1:${audio.job.id}:failed:after:99`);
  });

  test('a job the person watches is told once, by the watch', () => {
    const result = plan({ changes: [audio], watches: [{ userId: 'U1', jobId: audio.job.id, createdAt: 0 }], rules: [rule('U1', ['failed']), rule('U2', ['failed'])] });
    expect(result.rows.map((r) => [r.channelId, r.payload.type === 'dm' ? r.payload.reason : null])).toEqual([
      ['U1', 'watch'],
      ['U2', 'rule'],
    ]);
  });

  test('more matches than the threshold for one person in one cycle: one DM listing them', () => {
    const many = Array.from({ length: 11 }, () => change('failed'));
    expect(addressed({ changes: many, rules: [rule('U1', ['failed'])] })).toEqual([['U1', many.map((c) => c.job.id)]]);
    expect(plan({ changes: many.slice(0, 10), rules: [rule('U1', ['failed'])] }).rows).toHaveLength(10);
  });
});
