import type { AlertPayload, DigestPayload, JobChange } from '../../../src/domain/alert-payload';
import { outboxKind } from '../../../src/domain/outbox';
import { summarizeSnooze } from '../../../src/alerts/snooze-digest';
import type { Job, StatusKind } from '../../../src/jobs/job';
import type { Message } from '../../../src/messages/blocks';
import { buildDigest } from '../../../src/messages/alerts';
import { slackDate } from '../../../src/messages/mrkdwn';
import type { Snooze } from '../../../src/domain/channel';
import type { NewOutboxRow, OutboxRow } from '../../../src/domain/outbox';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { makeJob } from '../../support/jobs';
import { HOSTILE } from '../messages/jobs';

const MIN = 60_000;
const STARTED = Date.UTC(2026, 10, 28, 10);
const ENDED = Date.UTC(2026, 10, 28, 12);
const CHANNEL = 'C0123ABC';
const snooze: Snooze = { channelId: CHANNEL, startedAt: STARTED, endsAt: ENDED, createdBy: 'U0123ABC' };

let nextId = 0;
function held(payload: AlertPayload, jobId: string | null = null): OutboxRow {
  nextId += 1;
  return {
    id: nextId,
    channelId: CHANNEL,
    jobId,
    kind: payload.type === 'digest' ? 'digest' : 'job',
    dedupeKey: `held:${nextId}`,
    payload,
    createdAt: STARTED + nextId * 1000,
    attempts: 0,
    postedTs: null,
    steps: {},
    lastError: null,
  };
}

function jobRow(job: Job, from: StatusKind | null, mention: string | null = null): OutboxRow {
  return held({ type: 'job', change: { job, from, to: job.status }, mention }, job.id);
}

function digestRow(changes: JobChange[], overdue: { job: Job; ageMs: number }[] = [], mention: string | null = null): OutboxRow {
  return held({ type: 'digest', changes, catchUp: true, mention, overdue });
}

function overdueRow(job: Job, ageMs: number, mention: string | null = null): OutboxRow {
  return held({ type: 'overdue', job, ageMs, typicalMs: 10 * MIN, limitMs: null, mention }, job.id);
}

/** One job at several moments: same id, later snapshots. */
function snapshots(id: string): Record<StatusKind, Job> {
  const base = makeJob({ id, inputs: { files: [{ name: `${id.slice(0, 4)}.wav`, contentType: null, md5: null }], urls: [], textCount: 0 } });
  return {
    queued: { ...base, status: 'queued', rawStatus: 'QUEUED', startedAt: null, endedAt: null },
    running: { ...base, status: 'running', rawStatus: 'IN_PROGRESS', endedAt: null },
    completed: base,
    failed: { ...base, status: 'failed', rawStatus: 'FAILED', errorMessage: 'Unsupported media type in file 3', numPredictions: null, numErrors: null },
  };
}

function payloadOf(row: NewOutboxRow | null): DigestPayload {
  if (row === null) throw new Error('expected a summary row');
  return row.payload as DigestPayload;
}

function summary(rows: OutboxRow[], endedBy: string | null = null): DigestPayload {
  return payloadOf(summarizeSnooze(snooze, rows, ENDED, endedBy));
}

const A = snapshots('aaaa0000-0000-4000-8000-000000000001');
const B = snapshots('bbbb0000-0000-4000-8000-000000000002');
const C = snapshots('cccc0000-0000-4000-8000-000000000003');
const D = snapshots('dddd0000-0000-4000-8000-000000000004');
const E = snapshots('eeee0000-0000-4000-8000-000000000005');

describe('summarizeSnooze', () => {
  it('folds each job into one change: its first from, its last to and snapshot, in order of first change', () => {
    const rows = [jobRow(A.running, 'queued'), jobRow(B.failed, 'running'), jobRow(A.completed, 'running')];
    expect(summary(rows).changes).toEqual([
      { job: A.completed, from: 'queued', to: 'completed' },
      { job: B.failed, from: 'running', to: 'failed' },
    ]);
  });

  it('keeps a null first `from` (a job first seen past its start)', () => {
    expect(summary([jobRow(A.running, null), jobRow(A.failed, 'running')]).changes).toEqual([{ job: A.failed, from: null, to: 'failed' }]);
  });

  it('takes changes and overdue jobs out of held digests too, and collects overdue alerts', () => {
    const rows = [
      jobRow(A.running, 'queued'),
      digestRow(
        [
          { job: A.failed, from: 'running', to: 'failed' },
          { job: C.completed, from: 'running', to: 'completed' },
        ],
        [{ job: D.running, ageMs: 60 * MIN }],
      ),
      overdueRow(E.queued, 90 * MIN),
      overdueRow(D.running, 70 * MIN),
    ];
    const payload = summary(rows);
    expect(payload.changes).toEqual([
      { job: A.failed, from: 'queued', to: 'failed' },
      { job: C.completed, from: 'running', to: 'completed' },
    ]);
    // One entry per job, the latest age wins.
    expect(payload.overdue).toEqual([
      { job: D.running, ageMs: 70 * MIN },
      { job: E.queued, ageMs: 90 * MIN },
    ]);
    expect(payload.catchUp).toBe(false);
  });

  it('mentions each mention of the alerts it held, once (several subscriptions may have held them)', () => {
    const rows = [
      jobRow(A.failed, 'running', '<!subteam^S1>'),
      jobRow(B.completed, 'running', null),
      overdueRow(D.running, 70 * MIN, '<!here>'),
      jobRow(C.completed, 'running', '<!here>'),
    ];
    expect(summary(rows).mention).toBe('<!subteam^S1> <!here>');
    expect(summary([jobRow(A.failed, 'running'), jobRow(B.failed, 'running')]).mention).toBeNull();
  });

  it('gives no summary when a user ends a snooze that held nothing', () => {
    expect(summarizeSnooze(snooze, [], ENDED, 'U0123ABC')).toBeNull();
  });

  it('gives an empty summary when a snooze ran its course with nothing held', () => {
    const row = summarizeSnooze(snooze, [], ENDED, null);
    expect(outboxKind(row!.payload)).toBe('snooze-summary');
    expect(row).toEqual({
      channelId: CHANNEL,
      jobId: null,
      dedupeKey: `snooze:${CHANNEL}:${STARTED}:${ENDED}`,
      payload: {
        type: 'digest',
        changes: [],
        catchUp: false,
        mention: null,
        snooze: { startedAt: STARTED, endedAt: ENDED, endedBy: null },
        overdue: [],
      },
      createdAt: ENDED,
    });
  });

  it('names the summary by the snooze’s start and end, and dates it at the end', () => {
    const early = ENDED - 45 * MIN;
    const row = summarizeSnooze(snooze, [jobRow(A.completed, 'running')], early, 'U0123ABC');
    expect(row).toMatchObject({
      channelId: CHANNEL,
      jobId: null,
      dedupeKey: `snooze:${CHANNEL}:${STARTED}:${early}`,
      createdAt: early,
    });
    expect(payloadOf(row).snooze).toEqual({ startedAt: STARTED, endedAt: early, endedBy: 'U0123ABC' });
  });
});

describe('buildDigest of a snooze summary', () => {
  const textOf = (message: Message): string => allTexts(message).join('\n');
  const rows = [
    jobRow(A.running, 'queued', '<!subteam^S1>'),
    jobRow(B.completed, 'running', '<!subteam^S1>'),
    jobRow(A.failed, 'running', '<!subteam^S1>'),
    overdueRow(D.running, 66 * MIN, '<!subteam^S1>'),
    overdueRow(E.queued, 2 * 60 * MIN + 5 * MIN, '<!subteam^S1>'),
  ];

  it('has its own title, lists overdue jobs, says it ended early and by whom, and mentions the group', () => {
    const message = buildDigest(summary(rows, 'U0123ABC'), ENDED);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'While alerts were snoozed: 2 job updates' } });
    expect(message.text).toBe('<!subteam^S1> While alerts were snoozed: 2 job updates — 1 completed, 1 failed');
    const texts = allTexts(message.blocks);
    expect(texts[1]).toBe('<!subteam^S1>\n:white_check_mark: 1 completed · :x: 1 failed');
    expect(texts).toContain('*Overdue*\n:alarm_clock: `dddd0000` was running for 1 h 6 min\n:alarm_clock: `eeee0000` was queued for 2 h 5 min');
    expect(textOf(message)).toContain(
      `Alerts here were snoozed from ${slackDate(STARTED)} to ${slackDate(ENDED)} (ended early by <@U0123ABC>); this is what happened meanwhile, and alerts are back on.`,
    );
    // The fallback text's mention, then the blocks': the mention and who ended it.
    expect(unsafeMarkup(message)).toEqual(['<!subteam^S1>', '<!subteam^S1>', '<@U0123ABC>']);
  });

  it('does not say "ended early" when the snooze ran its course', () => {
    const message = buildDigest(summary(rows), ENDED);
    expect(textOf(message)).toContain(`Alerts here were snoozed from ${slackDate(STARTED)} to ${slackDate(ENDED)}; this is what happened meanwhile`);
    expect(textOf(message)).not.toContain('ended early');
  });

  it('mentions the group for overdue jobs alone, and not when nothing failed or was overdue', () => {
    const overdueOnly = buildDigest(summary([jobRow(B.completed, 'running', '<!here>'), overdueRow(D.running, 66 * MIN, '<!here>')]), ENDED);
    expect(overdueOnly.text.startsWith('<!here> While alerts were snoozed: 1 job update')).toBe(true);
    const quiet = buildDigest(summary([jobRow(B.completed, 'running', '<!here>'), jobRow(C.running, 'queued', '<!here>')]), ENDED);
    expect(quiet.text).toBe('While alerts were snoozed: 2 job updates — 1 running, 1 completed');
    expect(JSON.stringify(quiet)).not.toContain('<!here>');
    expect(textOf(quiet)).not.toContain('*Overdue*');
  });

  it('is a valid message for a snooze that held nothing', () => {
    const message = buildDigest(payloadOf(summarizeSnooze(snooze, [], ENDED, null)), ENDED);
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toBe('While alerts were snoozed: 0 job updates');
    expect(textOf(message)).toContain('No jobs changed.');
  });

  it('escapes a hostile user who ended it and stays inside the limits with hostile overdue jobs', () => {
    const many = Array.from({ length: 60 }, (_, i) => overdueRow({ ...D.running, id: `${i}${HOSTILE}`.slice(0, 5000) }, (61 + i) * MIN));
    const message = buildDigest(summary(many, '<!channel>'), ENDED);
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
    expect(textOf(message)).toContain('(ended early by &lt;!channel&gt;)');
    const overdue = allTexts(message.blocks).find((t) => t.startsWith('*Overdue*')) ?? '';
    expect(overdue.split('\n').filter((l) => l.startsWith(':alarm_clock:'))).toHaveLength(15);
    expect(overdue.endsWith('\nand 45 more')).toBe(true);
  });
});
