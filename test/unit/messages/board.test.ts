import { STATUS_KINDS, type Job } from '../../../src/jobs/job';
import { BOARD_TITLE, buildBoard, buildBoardEnded, type BoardInput } from '../../../src/messages/board';
import type { StatusCounts } from '../../../src/domain/board';
import type { Message } from '../../../src/messages/blocks';
import { blockTextLength, LIMITS } from '../../../src/messages/limits';
import { slackDate } from '../../../src/messages/mrkdwn';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { makeJob } from '../../support/jobs';
import { HOSTILE, hostileJob, NOW } from './jobs';
import { expectToContainAll, textOf } from './text';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function files(name: string): Job['inputs'] {
  return { files: [{ name, contentType: null, md5: null }], urls: [], textCount: 0 };
}

function finished(id: string, ageMs: number, overrides: Partial<Job> = {}): Job {
  return makeJob({ id, status: 'completed', createdAt: NOW - ageMs, startedAt: NOW - ageMs + 1000, endedAt: NOW - ageMs + MIN, ...overrides });
}

function failed(id: string, ageMs: number, errorMessage: string): Job {
  return finished(id, ageMs, { status: 'failed', rawStatus: 'FAILED', errorMessage, numPredictions: null, numErrors: null });
}

function queued(id: string, ageMs: number, name = 'clip.wav'): Job {
  return makeJob({ id, status: 'queued', rawStatus: 'QUEUED', createdAt: NOW - ageMs, startedAt: null, endedAt: null, inputs: files(name) });
}

function running(id: string, runningMs: number, name = 'call.wav'): Job {
  return makeJob({
    id,
    status: 'running',
    rawStatus: 'IN_PROGRESS',
    createdAt: NOW - runningMs - 5_000,
    startedAt: NOW - runningMs,
    endedAt: null,
    inputs: files(name),
  });
}

/**
 * What the board reads from the store, worked out from a list of jobs: counts by status of the
 * jobs created in the last day and hour, and the day's failures.
 */
function facts(input: { recent: Job[]; active: Job[]; now: number }): BoardInput {
  const since = (ms: number) => input.recent.filter((j) => j.createdAt !== null && j.createdAt >= input.now - ms);
  const counted = (jobs: Job[]): StatusCounts => {
    const counts = Object.fromEntries(STATUS_KINDS.map((k) => [k, jobs.filter((j) => j.status === k).length])) as StatusCounts['counts'];
    return { counts, completedWithErrors: jobs.filter((j) => j.status === 'completed' && (j.numErrors ?? 0) > 0).length };
  };
  return {
    day: counted(since(DAY)),
    hour: counted(since(HOUR)),
    failures: since(DAY).filter((j) => j.status === 'failed'),
    active: input.active,
    now: input.now,
  };
}

/** The mrkdwn of the section whose text starts with `prefix` ('' when none does). */
function sectionStarting(message: Message, prefix: string): string {
  return allTexts(message.blocks).find((t) => t.startsWith(prefix)) ?? '';
}

/** The summary section's lines: Now, Last hour, Last 24 hours, Oldest waiting. */
function summaryLines(message: Message): string[] {
  return sectionStarting(message, '*Now:*').split('\n');
}

// 30 minutes ago: in the last hour and the last day. 5 hours ago: in the day only. 2 days ago: in neither.
const recent: Job[] = [
  finished('a1000000-recent', 30 * MIN),
  failed('a2000000-recent', 30 * MIN, 'Unsupported media type in file 3'),
  finished('b1000000-recent', 5 * HOUR),
  finished('b2000000-recent', 5 * HOUR, { numErrors: 4 }),
  failed('b3000000-recent', 5 * HOUR, 'Unsupported media type in file 17'),
  failed('b4000000-recent', 5 * HOUR, 'Quota exceeded for account'),
  failed('c1000000-recent', 2 * DAY, 'Ancient failure nobody should see'),
  finished('c2000000-recent', 2 * DAY),
];

describe('buildBoard', () => {
  const active = [queued('q2000000-active', 10 * MIN), running('r1000000-active', 12 * MIN + 30_000), queued('q1000000-active', 40 * MIN, 'oldest.wav')];
  const board = buildBoard(facts({ recent, active, now: NOW }));

  it('is a valid message with the board title as its header', () => {
    expect(validateMessage(board.message)).toEqual([]);
    expect(board.message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Hume jobs: live board', emoji: true } });
    expect(BOARD_TITLE).toBe('Hume jobs: live board');
  });

  it('counts what is queued and running now, and what was created in the last hour and day (not before)', () => {
    const [now, hour, day] = summaryLines(board.message);
    expect(now).toBe('*Now:* :hourglass_flowing_sand: 2 queued · :arrows_counterclockwise: 1 running');
    expect(hour).toBe(
      '*Last hour:* 2 jobs · :hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: 1 completed · :x: 1 failed',
    );
    expect(day).toBe(
      '*Last 24 hours:* 6 jobs · :hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: 3 completed (1 with errors) · :x: 3 failed',
    );
    expect(board.message.text).toBe('Hume jobs: live board: 2 queued, 1 running; last 24 h 3 completed (1 with errors), 3 failed');
  });

  it('names the oldest waiting job by its short id, wherever it is in the list', () => {
    expect(summaryLines(board.message)[3]).toBe('*Oldest waiting:* `q1000000` queued for 40 min · oldest.wav');
  });

  it('lists the active jobs with how long they have waited or run, in whole minutes', () => {
    expect(sectionStarting(board.message, '*Queued and running*')).toBe(
      [
        '*Queued and running*',
        ':hourglass_flowing_sand: Queued for 10 min  `q2000000`  clip.wav',
        ':arrows_counterclockwise: Running for 12 min  `r1000000`  call.wav',
        ':hourglass_flowing_sand: Queued for 40 min  `q1000000`  oldest.wav',
      ].join('\n'),
    );
  });

  it('groups the last day’s failures by cause, largest first, leaving out older ones', () => {
    expect(sectionStarting(board.message, '*Failures by cause*')).toBe(
      '*Failures by cause* (2 causes)\n• 2 jobs: Unsupported media type in file 3\n• 1 job: Quota exceeded for account',
    );
    expect(textOf(board.message)).not.toContain('Ancient failure');
  });

  it('ends with when it was updated, as a date token', () => {
    expect(board.message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          verbatim: true,
          text: `Kept current by hume-jobs (at most every 30 s) · \`/hume-jobs board off\` stops it · Updated ${slackDate(NOW)}`,
        },
      ],
    });
  });

  it('caps the active list at five lines and counts the rest', () => {
    const eight = Array.from({ length: 8 }, (_, i) => running(`r${i}000000-many`, (20 - i) * MIN));
    const message = buildBoard(facts({ recent: [], active: eight, now: NOW })).message;
    expect(validateMessage(message)).toEqual([]);
    const lines = sectionStarting(message, '*Queued and running*').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.slice(1, 6)).toEqual([0, 1, 2, 3, 4].map((i) => `:arrows_counterclockwise: Running for ${20 - i} min  \`r${i}000000\`  call.wav`));
    expect(lines[6]).toBe('and 3 more');
    expect(summaryLines(message)[0]).toBe('*Now:* :arrows_counterclockwise: 8 running');
    expect(summaryLines(message)[3]).toBe('*Oldest waiting:* nothing is waiting.');
  });

  it('says so when nothing is going on', () => {
    const message = buildBoard(facts({ recent: [], active: [], now: NOW })).message;
    expect(validateMessage(message)).toEqual([]);
    expect(summaryLines(message)).toEqual([
      '*Now:* nothing is queued or running.',
      '*Last hour:* 0 jobs · :hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: 0 completed · :x: 0 failed',
      '*Last 24 hours:* 0 jobs · :hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: 0 completed · :x: 0 failed',
      '*Oldest waiting:* nothing is waiting.',
    ]);
    expect(textOf(message)).not.toContain('*Queued and running*');
    expect(textOf(message)).not.toContain('Failures by cause');
    expect(message.blocks).toHaveLength(3);
    expect(message.text).toBe('Hume jobs: live board: 0 queued, 0 running; last 24 h no jobs');
  });

  it('says "under a minute" for a job that just started', () => {
    const message = buildBoard(facts({ recent: [], active: [running('r9000000-fresh', 20_000)], now: NOW })).message;
    expect(sectionStarting(message, '*Queued and running*')).toContain(':arrows_counterclockwise: Running for under a minute  `r9000000`');
  });

  describe('content', () => {
    it('is the same ten seconds later when nothing visible changed, though the updated time did', () => {
      const a = buildBoard(facts({ recent, active: [], now: NOW }));
      const b = buildBoard(facts({ recent, active: [], now: NOW + 10_000 }));
      expect(b.content).toBe(a.content);
      expect(b.message).not.toEqual(a.message);
      expect(textOf(b.message)).toContain(`Updated ${slackDate(NOW + 10_000)}`);
      expect(a.content).not.toContain('Updated');
    });

    it('stays the same within the minute for a running job, and changes when its minute does', () => {
      const job = running('r1000000-active', 12 * MIN + 10_000);
      const a = buildBoard(facts({ recent, active: [job], now: NOW }));
      expect(buildBoard(facts({ recent, active: [job], now: NOW + 30_000 })).content).toBe(a.content);
      expect(buildBoard(facts({ recent, active: [job], now: NOW + 55_000 })).content).not.toBe(a.content);
    });

    it('changes when a count changes', () => {
      const a = buildBoard(facts({ recent, active: [], now: NOW }));
      const more = buildBoard(facts({ recent: [...recent, finished('d1000000-new', 5 * MIN)], active: [], now: NOW }));
      expect(more.content).not.toBe(a.content);
      expect(summaryLines(more.message)[1]).toContain('3 jobs');
      const started = buildBoard(facts({ recent, active: [queued('q3000000-new', 2 * MIN)], now: NOW }));
      expect(started.content).not.toBe(a.content);
    });

    it('changes when a job drops out of the last hour', () => {
      const edge = [finished('e1000000-edge', HOUR - 5_000)];
      const a = buildBoard(facts({ recent: edge, active: [], now: NOW }));
      const b = buildBoard(facts({ recent: edge, active: [], now: NOW + 10_000 }));
      expect(summaryLines(a.message)[1]).toContain('*Last hour:* 1 job ·');
      expect(summaryLines(b.message)[1]).toContain('*Last hour:* 0 jobs ·');
      expect(b.content).not.toBe(a.content);
    });
  });

  describe('hostile text from Hume', () => {
    it('escapes file names and error messages', () => {
      const bad = failed('f1000000-bad', 10 * MIN, 'Ask <@U1> & retry <!channel>');
      const waiting = queued('q1000000-bad', 3 * MIN, '<!here>.wav');
      const message = buildBoard(facts({ recent: [bad, waiting], active: [waiting], now: NOW })).message;
      expect(validateMessage(message)).toEqual([]);
      expectToContainAll(textOf(message), ['• 1 job: Ask &lt;@U1&gt; &amp; retry &lt;!channel&gt;', '`q1000000` queued for 3 min · &lt;!here&gt;.wav']);
      expect(unsafeMarkup(message)).toEqual([]);
    });

    it('stays valid and inert with 5,000-character <!channel>& strings everywhere', () => {
      const jobs = Array.from({ length: 40 }, (_, i) => hostileJob(i));
      const active = jobs.filter((j) => j.status === 'queued' || j.status === 'running');
      const { message, content } = buildBoard(facts({ recent: jobs, active, now: NOW }));
      expect(validateMessage(message)).toEqual([]);
      expect(unsafeMarkup(message)).toEqual([]);
      expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
      expect(content).not.toContain('<!channel>');
      expect(summaryLines(message)[0]).toBe('*Now:* :hourglass_flowing_sand: 10 queued · :arrows_counterclockwise: 10 running');
      expect(sectionStarting(message, '*Queued and running*').endsWith('\nand 15 more')).toBe(true);
      expect(textOf(message)).not.toContain(HOSTILE.slice(0, 10));
    });
  });
});

describe('buildBoardEnded', () => {
  it.each([
    ['moved' as const, ':pause_button: This board moved to a newer message below. `/hume-jobs board` posts a new one.'],
    ['gone' as const, ':pause_button: This board is no longer kept current. `/hume-jobs board` posts a new one.'],
    [{ stoppedBy: 'U0123ABC' }, ':pause_button: This board was stopped by <@U0123ABC>. `/hume-jobs board` posts a new one.'],
  ])('says why the board stopped (%j)', (reason, text) => {
    const message = buildBoardEnded(reason, NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toBe('Hume jobs: live board (no longer updated)');
    expect(allTexts(message.blocks)).toEqual([text, `Last changed ${slackDate(NOW)}`]);
  });

  it('links only a real user id', () => {
    const real = buildBoardEnded({ stoppedBy: 'W0123ABC' }, NOW);
    expect(unsafeMarkup(real)).toEqual(['<@W0123ABC>']);
    const hostile = buildBoardEnded({ stoppedBy: '<!channel>' }, NOW);
    expect(validateMessage(hostile)).toEqual([]);
    expect(textOf(hostile)).toContain('stopped by &lt;!channel&gt;.');
    expect(unsafeMarkup(hostile)).toEqual([]);
    const huge = buildBoardEnded({ stoppedBy: HOSTILE }, NOW);
    expect(validateMessage(huge)).toEqual([]);
    expect(unsafeMarkup(huge)).toEqual([]);
  });
});
