import type { DigestPayload, JobAlertPayload, JobChange } from '../../../src/domain/alert-payload';
import type { Job, StatusKind } from '../../../src/jobs/job';
import { buildDigest, buildJobAlert, buildOverdueAlert, buildThreadLine, mentionMarkup } from '../../../src/messages/alerts';
import { makeJob } from '../../support/jobs';
import type { Message } from '../../../src/messages/blocks';
import { blockTextLength, LIMITS } from '../../../src/messages/limits';
import { slackDate } from '../../../src/messages/mrkdwn';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { batchJob, HOSTILE, hostileJob, NOW, runJobs } from './jobs';
import { expectToContainAll, textOf } from './text';

function run(i: number): Job {
  const job = runJobs()[i];
  if (!job) throw new Error(`no run ${i}`);
  return job;
}

function alert(job: Job, from: StatusKind | null, mention: string | null = null): JobAlertPayload {
  return { type: 'job', change: { job, from, to: job.status }, mention };
}

function change(job: Job, from: StatusKind | null = 'running'): JobChange {
  return { job, from, to: job.status };
}

function digest(changes: JobChange[], overrides: Partial<DigestPayload> = {}): DigestPayload {
  return { type: 'digest', changes, catchUp: false, mention: null, ...overrides };
}

/** The blocks' texts only, without the fallback. */
function blockText(message: Message): string {
  return textOf(message.blocks);
}

/** The text of the section at `index` ('' when that block is not a section with text). */
function textAt(message: Message, index: number): string {
  const block = message.blocks[index];
  return block?.type === 'section' ? (block.text?.text ?? '') : '';
}

const sectionText = (message: Message): string => textAt(message, 0);

/** A failure message per cause: words only, so causeKey cannot merge two of them. */
function causeWord(i: number): string {
  return [...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
}

const ENDED = Date.UTC(2026, 10, 28, 9, 17, 7, 500);
const failedRun = run(1);
const failedBatch = batchJob({
  status: 'failed',
  rawStatus: 'FAILED',
  numPredictions: null,
  numErrors: null,
  errorMessage: 'Unsupported media type: audio/x-foo',
});

describe('buildJobAlert', () => {
  it('shows a completed batch job: status, short id, inputs, models, times, durations, counts and Details', () => {
    const message = buildJobAlert(alert(batchJob(), 'running'), NOW);
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(blockText(message), [
      ':white_check_mark: *Completed*  `1a2b3c4d`',
      'faces.zip +2 more · face, prosody',
      '42 predictions · 0 errors',
      `Created ${slackDate(Date.UTC(2026, 10, 28, 9, 14, 0))}`,
      `Started ${slackDate(Date.UTC(2026, 10, 28, 9, 14, 2, 500))}`,
      `Ended ${slackDate(ENDED)}`,
      'waited 2 s · ran 3 min 5 s',
      `Updated ${slackDate(NOW)}`,
    ]);
    expect(message.blocks[0]).toMatchObject({
      accessory: { action_id: 'hume_jobs.details', value: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
    });
    expect(message.text).toBe('Job 1a2b3c4d completed');
    expect(blockText(message)).not.toContain('Error');
  });

  it('treats "completed with errors" as its own case', () => {
    const message = buildJobAlert(alert(batchJob({ numErrors: 3 }), 'running'), NOW);
    expect(blockText(message)).toContain(':warning: *Completed with 3 errors*');
    expect(blockText(message)).toContain('42 predictions · 3 errors');
    expect(message.text).toBe('Job 1a2b3c4d completed with 3 errors');
  });

  it('shows a failed run with endpoint and mode, its error as plain text, and no creation time', () => {
    const message = buildJobAlert(alert(failedRun, 'running'), NOW);
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(blockText(message), [':x: *Failed*  `b2d4e6f8`\nvideo · realtime', 'ran 4 min 32 s']);
    expect(blockText(message)).not.toContain('no inputs');
    expect(blockText(message)).not.toContain('Created');
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'plain_text', text: 'Error: The run closed with an internal error (close code 1011).', emoji: true },
    });
    expect(message.text).toBe('Job b2d4e6f8 failed: The run closed with an internal error (close code 1011).');
  });

  it('says so when a failure came without a message', () => {
    const message = buildJobAlert(alert({ ...failedBatch, errorMessage: null }, 'running'), NOW);
    expect(message.text).toBe('Job 1a2b3c4d failed');
    expect(blockText(message)).toContain('Error: No error message was given.');
  });

  it('describes queued and running jobs as they are now', () => {
    const queued = batchJob({ status: 'queued', startedAt: null, endedAt: null, createdAt: NOW - 42_000, numPredictions: null, numErrors: null });
    const running = batchJob({ status: 'running', endedAt: null, startedAt: NOW - 185_000, numPredictions: null, numErrors: null });
    const q = buildJobAlert(alert(queued, null), NOW);
    const r = buildJobAlert(alert(running, 'queued'), NOW);
    expect(q.text).toBe('Job 1a2b3c4d is queued');
    expect(blockText(q)).toContain('waiting 42 s');
    expect(blockText(q)).not.toContain('Started');
    expect(r.text).toBe('Job 1a2b3c4d is running');
    expect(blockText(r)).toContain('running for 3 min 5 s');
    expect(blockText(r)).not.toContain('predictions');
  });

  describe('mentions', () => {
    const statuses: Job[] = [
      batchJob({ status: 'queued', startedAt: null, endedAt: null }),
      batchJob({ status: 'running', endedAt: null }),
      batchJob(),
      batchJob({ numErrors: 4 }),
      failedBatch,
    ];

    it.each(['<!subteam^S0123ABC>', '<@U0123ABC>', '<!here>', '<!channel>'])('inserts %s on a failure only, first in text and blocks', (mention) => {
      for (const job of statuses) {
        const message = buildJobAlert(alert(job, 'running', mention), NOW);
        const failed = job.status === 'failed';
        expect(validateMessage(message)).toEqual([]);
        expect(message.text.startsWith(`${mention} Job 1a2b3c4d`)).toBe(failed);
        expect(sectionText(message).startsWith(`${mention}\n`)).toBe(failed);
        expect(JSON.stringify(message).includes(mention)).toBe(failed);
        // The mention is the only live markup: everything else is escaped or a date token.
        expect(unsafeMarkup(message)).toEqual(failed ? [mention, mention] : []);
      }
    });

    it.each([
      ['@team', '@team'],
      ['<!everyone>', '&lt;!everyone&gt;'],
      ['<!subteam^s0123>', '&lt;!subteam^s0123&gt;'],
      ['<!subteam^S0123|@team>', '&lt;!subteam^S0123|@team&gt;'],
      ['<@U0123|ada>', '&lt;@U0123|ada&gt;'],
      ['<@u0123>', '&lt;@u0123&gt;'],
      ['<!here> ', '&lt;!here&gt;'],
      ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ])('shows %j as escaped text, never as markup', (mention, shown) => {
      expect(mentionMarkup(mention)).toBe(shown);
      const message = buildJobAlert(alert(failedBatch, 'running', mention), NOW);
      expect(sectionText(message).startsWith(`${shown}\n`)).toBe(true);
      expect(unsafeMarkup(message)).toEqual([]);
    });
  });

  it('escapes the error message and the inputs', () => {
    const job = batchJob({
      status: 'failed',
      errorMessage: 'Ask <@U1> & retry <!channel>',
      inputs: { files: [{ name: '<!here>.wav', contentType: null, md5: null }], urls: [], textCount: 0 },
    });
    const message = buildJobAlert(alert(job, 'running'), NOW);
    expect(textOf(message)).toContain('Error: Ask &lt;@U1&gt; &amp; retry &lt;!channel&gt;');
    expect(textOf(message)).toContain('&lt;!here&gt;.wav');
    expect(message.text).toBe('Job 1a2b3c4d failed: Ask &lt;@U1&gt; &amp; retry &lt;!channel&gt;');
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('stays valid with 5,000-character <!channel>& strings everywhere, in every status and source', () => {
    for (let i = 0; i < 8; i += 1) {
      for (const mention of [null, HOSTILE]) {
        const message = buildJobAlert(alert(hostileJob(i), 'queued', mention), NOW);
        expect(validateMessage(message)).toEqual([]);
        expect(unsafeMarkup(message)).toEqual([]);
        expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
      }
    }
    const withRealMention = buildJobAlert(alert(hostileJob(3), 'running', '<!channel>'), NOW);
    expect(hostileJob(3).status).toBe('failed');
    expect(unsafeMarkup(withRealMention)).toEqual(['<!channel>', '<!channel>']);
  });
});

describe('buildThreadLine', () => {
  it('says what changed, the span that ended, and when', () => {
    const message = buildThreadLine(alert(batchJob(), 'running'), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks).toHaveLength(1);
    expect(sectionText(message)).toBe(`:white_check_mark: Running → Completed · ran 3 min 5 s · ${slackDate(ENDED)}`);
    expect(message.text).toBe('Job 1a2b3c4d: Running → Completed');
  });

  it('gives the queue wait when a job starts, and the error count when it completes with errors', () => {
    const started = batchJob({ status: 'running', endedAt: null, numPredictions: null, numErrors: null });
    expect(sectionText(buildThreadLine(alert(started, 'queued'), NOW))).toBe(
      `:arrows_counterclockwise: Queued → Running · waited 2 s · ${slackDate(Date.UTC(2026, 10, 28, 9, 14, 2, 500))}`,
    );
    expect(sectionText(buildThreadLine(alert(batchJob({ numErrors: 2 }), 'running'), NOW))).toContain(
      ':warning: Running → Completed with 2 errors · ran 3 min 5 s',
    );
  });

  it('names only the new status when the old one is unknown', () => {
    expect(sectionText(buildThreadLine(alert(batchJob(), null), NOW))).toMatch(/^:white_check_mark: Completed · ran 3 min 5 s · <!date/);
  });

  it('says a run that was errored and is live again recovered, without mentioning anyone', () => {
    const message = buildThreadLine(alert(run(0), 'failed', '<!here>'), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(sectionText(message)).toBe(
      `:arrows_counterclockwise: Recovered: the run is live again · Failed → Running · ${slackDate(NOW)}`,
    );
    expect(message.text).toBe('Job 5f0c9a52 recovered: the run is live again');
    expect(JSON.stringify(message)).not.toContain('<!here>');
  });

  it('carries the escaped error and the mention on a failure, and no mention otherwise', () => {
    const failed = { ...failedRun, errorMessage: 'closed <!channel> & gone' };
    const message = buildThreadLine(alert(failed, 'running', '<!subteam^S9>'), NOW);
    expect(sectionText(message)).toBe(
      `<!subteam^S9> :x: Running → Failed · ran 4 min 32 s · ${slackDate(failed.endedAt ?? 0)}\nError: closed &lt;!channel&gt; &amp; gone`,
    );
    expect(message.text).toBe('<!subteam^S9> Job b2d4e6f8: Running → Failed: closed &lt;!channel&gt; &amp; gone');
    expect(unsafeMarkup(message)).toEqual(['<!subteam^S9>', '<!subteam^S9>']);
    const completed = buildThreadLine(alert(batchJob(), 'running', '<!subteam^S9>'), NOW);
    expect(JSON.stringify(completed)).not.toContain('subteam');
  });

  it('stays valid and inert with hostile jobs and mentions', () => {
    for (let i = 0; i < 8; i += 1) {
      for (const from of ['queued', 'running', 'failed', null] as const) {
        const message = buildThreadLine(alert(hostileJob(i), from, HOSTILE), NOW);
        expect(validateMessage(message)).toEqual([]);
        expect(unsafeMarkup(message)).toEqual([]);
      }
    }
  });
});

describe('buildDigest', () => {
  const failures = [
    batchJob({ id: 'f1000000-a', status: 'failed', errorMessage: 'Unsupported media type in file 3' }),
    batchJob({ id: 'f2000000-a', status: 'failed', errorMessage: 'Unsupported media type in file 17' }),
    batchJob({ id: 'f3000000-a', status: 'failed', errorMessage: 'Quota <!channel> & exceeded' }),
  ];
  const changes = [
    ...Array.from({ length: 6 }, (_, i) => change(batchJob({ id: `c${i}000000-a` }))),
    change(batchJob({ id: 'ce000000-a', numErrors: 5 })),
    change(batchJob({ id: 'r1000000-a', status: 'running', endedAt: null }), 'queued'),
    change({ ...run(0), id: 'rec00000-a' }, 'failed'),
    ...failures.map((job) => change(job)),
  ];

  it('has a header, counts by the status reached, and the failures grouped by cause, largest first', () => {
    const message = buildDigest(digest(changes), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: '12 job updates' } });
    const counts = textAt(message, 1);
    expect(counts).toBe(':arrows_counterclockwise: 2 running · :white_check_mark: 7 completed (1 with errors) · :x: 3 failed');
    expect(allTexts(message)).toContain(
      '*Failures by cause* (2 causes)\n• 2 jobs: Unsupported media type in file 3\n• 1 job: Quota &lt;!channel&gt; &amp; exceeded',
    );
    expect(message.text).toBe('12 job updates — 2 running, 7 completed (1 with errors), 3 failed');
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('lists every job of a small burst one line each, failures first, and marks recoveries', () => {
    const jobs = allTexts(buildDigest(digest(changes), NOW)).find((t) => t.startsWith('*Jobs*')) ?? '';
    const lines = jobs.split('\n').slice(1);
    expect(lines).toHaveLength(12);
    expect(lines.slice(0, 3).every((l) => l.startsWith(':x: Failed'))).toBe(true);
    expect(lines[0]).toBe(':x: Failed  `f1000000`  faces.zip +2 more');
    expect(lines).toContain(':arrows_counterclockwise: Running (recovered)  `rec00000`  audio · realtime');
    expect(jobs).not.toMatch(/and \d+ more/);
  });

  it('says "while hume-jobs was away" for a catch-up and caps the list at 15 with "and N more"', () => {
    const forty = Array.from({ length: 40 }, (_, i) => change(batchJob({ id: `${String(i).padStart(8, '0')}-x` })));
    const message = buildDigest(digest(forty, { catchUp: true }), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'While hume-jobs was away: 40 job updates' } });
    expect(message.text).toBe('While hume-jobs was away: 40 job updates — 40 completed');
    const jobs = allTexts(message).find((t) => t.startsWith('*Jobs*')) ?? '';
    expect(jobs.split('\n').filter((l) => l.startsWith(':white_check_mark:'))).toHaveLength(15);
    expect(jobs.endsWith('\nand 25 more')).toBe(true);
    expect(textOf(message)).toContain('while hume-jobs was not running');
    expect(buildDigest(digest(forty), NOW).blocks[0]).toMatchObject({ text: { text: '40 job updates' } });
  });

  it('mentions only when something failed and a mention is set', () => {
    const withFailure = buildDigest(digest(changes, { mention: '<!here>' }), NOW);
    expect(withFailure.text.startsWith('<!here> 12 job updates')).toBe(true);
    expect(textAt(withFailure, 1).startsWith('<!here>\n')).toBe(true);
    expect(unsafeMarkup(withFailure)).toEqual(['<!here>', '<!here>']);
    const noFailure = buildDigest(digest(changes.filter((c) => c.to !== 'failed'), { mention: '<!here>' }), NOW);
    expect(JSON.stringify(noFailure)).not.toContain('<!here>');
    expect(textOf(noFailure)).not.toContain('Failures by cause');
    expect(unsafeMarkup(buildDigest(digest(changes), NOW))).toEqual([]);
  });

  it('stays inside every limit with 500 hostile changes, 500 causes and a hostile mention', () => {
    const many = Array.from({ length: 500 }, (_, i) => {
      const job = hostileJob(i);
      return change(job.status === 'failed' ? { ...job, errorMessage: `${HOSTILE.slice(0, 3000)} ${causeWord(i)}` } : job);
    });
    const failedCount = many.filter((c) => c.to === 'failed').length;
    for (const payload of [digest(many, { mention: HOSTILE }), digest(many, { catchUp: true, mention: '<!channel>' })]) {
      const message = buildDigest(payload, NOW);
      expect(validateMessage(message)).toEqual([]);
      expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
      expect(unsafeMarkup(message)).toEqual(payload.mention === '<!channel>' ? ['<!channel>', '<!channel>'] : []);
      expect(textOf(message)).toContain('500 job updates');
      const causes = allTexts(message).find((t) => t.startsWith('*Failures by cause*')) ?? '';
      const shown = causes.split('\n').filter((l) => l.startsWith('• ')).length;
      expect(causes.startsWith(`*Failures by cause* (${failedCount} causes)`)).toBe(true);
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThanOrEqual(10);
      expect(causes.endsWith(`and ${failedCount - shown} more`)).toBe(true);
      const jobs = allTexts(message).find((t) => t.startsWith('*Jobs*')) ?? '';
      const listed = jobs.split('\n').length - 2;
      expect(listed).toBeGreaterThan(0);
      expect(listed).toBeLessThanOrEqual(15);
      expect(jobs.endsWith(`and ${500 - listed} more`)).toBe(true);
    }
  });

  it('is still a valid message with no changes at all', () => {
    const message = buildDigest(digest([]), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message)).toContain('No jobs changed.');
  });
});

describe('buildOverdueAlert', () => {
  test('says how long, what is usual, mentions like a failure, and stays inside the limits', () => {
    const job = { ...makeJob({ status: 'running', rawStatus: 'IN_PROGRESS', endedAt: null }), inputs: { files: [{ name: '<!channel>.wav', contentType: null, md5: null }], urls: [], textCount: 0 } };
    const message = buildOverdueAlert({ type: 'overdue', job, ageMs: 3_900_000, typicalMs: 600_000, mention: '<!subteam^S1>' }, Date.UTC(2026, 10, 28, 12));
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/Overdue/);
    expect(text).toMatch(/running for 1 h 5 min/);
    expect(text).toMatch(/usually take 10 min/);
    expect(text).toContain('<!subteam^S1>');
    expect(text).not.toContain('<!channel>');
    expect(message.text).toMatch(/is overdue/);
    expect(validateMessage(message)).toEqual([]);
  });
});
