import type { JobChange } from '../../../src/domain/alert-payload';
import { outboxKind } from '../../../src/domain/outbox';
import type { OverdueRule } from '../../../src/alerts/overdue';
import fc from 'fast-check';
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

describe('filtered subscriptions', () => {
  const MIN = 60_000;
  // Runs name no models (a batch job lists the ones it ran).
  const audio = makeJob({ id: 'run_audio', source: 'runs', status: 'failed', endpoint: 'audio', mode: 'file', userId: 'usr_7Hq2', models: [] });
  const video = makeJob({ id: 'run_video', source: 'runs', status: 'failed', endpoint: 'video', mode: 'realtime', userId: 'usr_other', models: [] });
  const failed = (job: typeof audio): JobChange => ({ job, from: 'running', to: 'failed' });
  const onlyAudio = { ...ANY_JOB, endpoint: 'audio' as const };
  const realtime = { ...ANY_JOB, mode: 'realtime' as const };
  const alerted = (rows: ReturnType<typeof planAlerts>) => rows.map((r) => [r.channelId, r.jobId, r.payload.mention]);

  test.each<[string, Subscription[], [string, string | null, string | null][]]>([
    ['a filter keeps the jobs it matches and drops the rest', [sub('C1', ['failed'], null, null, onlyAudio)], [['C1', 'run_audio', null]]],
    [
      'two subscriptions that both match: one row per job, each mention once',
      [sub('C1', ['failed'], '<!subteam^S1>', null, onlyAudio), sub('C1', ['completed', 'failed'], '<!subteam^S2>'), sub('C1', ['failed'], '<!subteam^S1>', null, realtime)],
      [
        ['C1', 'run_audio', '<!subteam^S1> <!subteam^S2>'],
        ['C1', 'run_video', '<!subteam^S2> <!subteam^S1>'],
      ],
    ],
    [
      'the mention is only that of the subscriptions that matched',
      [sub('C1', ['failed'], '<!subteam^S1>', null, onlyAudio), sub('C1', ['failed'], '<@U2>', null, realtime)],
      [
        ['C1', 'run_audio', '<!subteam^S1>'],
        ['C1', 'run_video', '<@U2>'],
      ],
    ],
    [
      'a subscription that matches the job but not its status adds nothing',
      [sub('C1', ['completed'], '<!here>', null, onlyAudio), sub('C1', ['failed'], null, null, realtime)],
      [['C1', 'run_video', null]],
    ],
    [
      'each channel decides on its own subscriptions',
      [sub('C1', ['failed'], null, null, onlyAudio), sub('C2', ['failed'], null, null, realtime)],
      [
        ['C1', 'run_audio', null],
        ['C2', 'run_video', null],
      ],
    ],
    ['a batch model filter never matches a run', [sub('C1', ['failed'], null, null, { ...ANY_JOB, model: 'face' })], []],
  ])('%s', (_name, subs, expected) => {
    expect(alerted(planAlerts([failed(audio), failed(video)], subs, options))).toEqual(expected);
  });

  test('the dedupe key is per channel, whichever subscription matched', () => {
    const rows = planAlerts([failed(audio)], [sub('C1', ['failed'], null, null, onlyAudio), sub('C1', ['failed'])], options);
    expect(rows.map((r) => r.dedupeKey)).toEqual([`job:run_audio:failed:C1`]);
  });

  test('a digest counts the channel’s matching changes only and mentions each matching subscription once', () => {
    const audios = Array.from({ length: 11 }, (_, i) => failed(makeJob({ id: `a${i}`, source: 'runs', status: 'failed', endpoint: 'audio' })));
    const videos = Array.from({ length: 5 }, (_, i) => failed(makeJob({ id: `v${i}`, source: 'runs', status: 'failed', endpoint: 'video' })));
    const subs = [sub('C1', ['failed'], '<!subteam^S1>', null, onlyAudio), sub('C1', ['failed'], '<!here>', null, { ...ANY_JOB, endpoint: 'video' })];
    const [digest, ...rest] = planAlerts([...audios, ...videos], subs, options);
    expect(rest).toEqual([]);
    expect(digest!.payload).toMatchObject({ type: 'digest', mention: '<!subteam^S1> <!here>' });
    expect((digest!.payload as { changes: unknown[] }).changes).toHaveLength(16);
    expect(planAlerts(audios, [subs[1]!], options)).toEqual([]);
  });

  test('overdue: the limit is the channel’s, the jobs are those its subscriptions select', () => {
    const stuckAudio = makeJob({ id: 'stuck_a', source: 'runs', status: 'running', endpoint: 'audio', createdAt: now - 120 * MIN, endedAt: null });
    const stuckVideo = makeJob({ id: 'stuck_v', source: 'runs', status: 'running', endpoint: 'video', createdAt: now - 120 * MIN, endedAt: null });
    const rule: OverdueRule = { thresholdMs: 30 * MIN, typicalMs: 10 * MIN };
    const ids = (rows: ReturnType<typeof planOverdue>) => rows.map((r) => [r.channelId, r.jobId, r.payload.mention]);
    // Learnt rule: only subscriptions that follow trouble count; the completed-only one adds nothing.
    expect(ids(planOverdue([stuckAudio, stuckVideo], rule, [sub('C1', ['failed'], '<!here>', null, onlyAudio), sub('C1', ['completed'], '<@U2>')], now))).toEqual([
      ['C1', 'stuck_a', '<!here>'],
    ]);
    // A channel limit covers every subscription's jobs; two matching still make one row, both mentions.
    const limited = [sub('C1', ['failed'], '<!here>', 60 * MIN, onlyAudio), sub('C1', ['completed'], '<@U2>', 60 * MIN)];
    expect(ids(planOverdue([stuckAudio, stuckVideo], rule, limited, now))).toEqual([
      ['C1', 'stuck_a', '<!here> <@U2>'],
      ['C1', 'stuck_v', '<@U2>'],
    ]);
    expect(planOverdue([stuckAudio], rule, [sub('C1', ['failed'], '<!here>', 0, onlyAudio), sub('C1', ['failed'], null, 0)], now)).toEqual([]);
  });
});

describe('planAlerts against a one-rule-at-a-time oracle (any subscriptions, any changes)', () => {
  const endpoints = [null, 'audio', 'video'] as const;
  const arbSub = fc.record({
    channel: fc.constantFrom('C1', 'C2', 'C3'),
    kinds: fc.subarray(['queued', 'running', 'completed', 'failed'] as const, { minLength: 1 }),
    endpoint: fc.constantFrom(...endpoints),
    mention: fc.constantFrom(null, '<!here>', '<!subteam^S1>', '<@U1>'),
  });
  const arbChange = fc.record({ id: fc.constantFrom('r1', 'r2', 'r3', 'r4'), endpoint: fc.constantFrom('audio', 'video'), to: fc.constantFrom<'running' | 'completed' | 'failed'>('running', 'completed', 'failed') });

  test('a channel gets one row per change when any of its subscriptions wants it, mentioning exactly the mentions of those that do', () => {
    fc.assert(
      fc.property(fc.array(arbSub, { maxLength: 12 }), fc.uniqueArray(arbChange, { selector: (c) => c.id, maxLength: 4 }), (rawSubs, rawChanges) => {
        const subs = rawSubs.map((s) => sub(s.channel, [...s.kinds], s.mention, null, { ...ANY_JOB, endpoint: s.endpoint }));
        const changes = rawChanges.map((c) => ({ job: makeJob({ id: c.id, source: 'runs', status: c.to, endpoint: c.endpoint }), from: 'queued' as const, to: c.to }));
        const rows = planAlerts(changes, subs, options);
        for (const channel of ['C1', 'C2', 'C3']) {
          for (const change of changes) {
            const wanting = subs.filter((s) => s.channelId === channel && (s.kinds.includes(change.to) || s.kinds.includes('queued')) && (s.match.endpoint === null || s.match.endpoint === change.job.endpoint));
            const got = rows.filter((r) => r.channelId === channel && r.jobId === change.job.id);
            expect(got).toHaveLength(wanting.length === 0 ? 0 : 1);
            const mentions = [...new Set(wanting.map((s) => s.mention).filter((m): m is string => m !== null))].sort();
            if (got[0]) expect((got[0].payload.mention ?? '').split(' ').filter(Boolean).sort()).toEqual(mentions);
          }
        }
        // However many subscriptions, never more rows than channels × changes.
        expect(rows.length).toBeLessThanOrEqual(3 * changes.length);
      }),
      { numRuns: 300 },
    );
  });
});
