/**
 * The runs source speaks of runs: no "no inputs", "Texts 0", "0 queued" or "median queue wait"
 * for runs, counts of runs rather than jobs, and an empty list that names what matched nothing.
 * The batch wording is unchanged (checked alongside).
 */
import { defaultFilter, type JobFilter } from '../../../src/jobs/filter';
import type { Job } from '../../../src/jobs/job';
import { buildAppHome } from '../../../src/messages/app-home';
import { buildBoard } from '../../../src/messages/board';
import { buildNoMatches } from '../../../src/messages/empty-list';
import { buildJobDetailsModal } from '../../../src/messages/job-details';
import { buildSummary } from '../../../src/messages/summary-message';
import { summarize } from '../../../src/reports/summarize-jobs';
import { validateMessage } from '../../support/block-kit-validator';
import { batchJob, NOW, runJobs } from './jobs';
import { textOf } from './text';

const DAY = 86_400_000;
const runs = runJobs();
const SINCE = NOW - DAY;
const RUN_WORDS_NEVER = [/no inputs/, /queued/i, /queue wait/i, /Texts/, /waiting/i, /\d jobs?\b/];

function activity(jobs: Job[]) {
  const summary = summarize(jobs, SINCE, NOW);
  const counts = { counts: summary.counts, completedWithErrors: summary.completedWithErrors };
  return { summary, recent: { now: NOW, day: counts, hour: counts, failures: jobs.filter((j) => j.status === 'failed'), active: jobs.filter((j) => j.status === 'running') } };
}

function expectRunWords(text: string): void {
  for (const never of RUN_WORDS_NEVER) expect(text).not.toMatch(never);
}

describe('runs wording', () => {
  const { summary, recent } = activity(runs);

  test('summary: runs counted as runs, no queued count, run time only', () => {
    const message = buildSummary(summary, { title: 'Runs since Nov 27', capped: false, source: 'runs' });
    expect(validateMessage(message)).toEqual([]);
    const text = textOf(message);
    expect(text).toContain('*3 runs*\n:arrows_counterclockwise: 1 running · :white_check_mark: 1 completed · :x: 1 failed');
    expect(text).toContain('*Median run time*');
    expect(text).toContain('• 1 run: The run closed');
    expectRunWords(text);
    expect(message.text).toBe('Runs since Nov 27: 3 runs — 1 running, 1 completed, 1 failed');
  });

  test('summary of a quiet window: no runs started', () => {
    const empty = buildSummary(summarize([], SINCE, NOW), { title: 'Runs since Nov 27', capped: false, source: 'runs' });
    expect(textOf(empty)).toContain('No runs were started in this window.');
  });

  test('board: what runs, the day in runs, no queue and nothing "waiting"', () => {
    const { message } = buildBoard({ ...recent, source: 'runs' });
    expect(validateMessage(message)).toEqual([]);
    const text = textOf(message);
    expect(text).toContain('*Last 24 hours:* 3 runs · :arrows_counterclockwise: 1 running · :white_check_mark: 1 completed · :x: 1 failed');
    expect(text).toContain('audio · realtime');
    expect(text).toContain('• 1 run: The run closed');
    expectRunWords(text);
    expect(message.text).toBe('Hume jobs: live board: 1 running; last 24 h 1 running, 1 completed, 1 failed');
  });

  test('App Home: the day in runs, run time only, what runs now by endpoint and mode', () => {
    const home = buildAppHome({ summary, active: recent.active, subscriptions: [], problems: [], now: NOW, polling: true, source: 'runs' });
    const text = textOf(home.blocks);
    expect(text).toContain('*Last 24 hours:* 3 runs\n:arrows_counterclockwise: 1 running');
    expect(text).toMatch(/^Median run time /m);
    expect(text).toContain('audio · realtime');
    expect(text).toContain('• 1 run: The run closed');
    expectRunWords(text);
  });

  test('details of a run: endpoint, mode and user, no "Texts 0"', () => {
    const text = textOf(buildJobDetailsModal(runs[2]!, NOW));
    expect(text).toContain('Endpoint: audio · Mode: file');
    expect(text).not.toMatch(/Texts/);
  });

  test('batch keeps its words: queued counts, queue wait, Texts 0 for a job with nothing listed', () => {
    const jobs = [batchJob({ status: 'queued', startedAt: null, endedAt: null })];
    const text = textOf(buildSummary(summarize(jobs, SINCE, NOW), { title: 'Jobs', capped: false }));
    expect(text).toContain('1 queued');
    expect(text).toContain('*Median queue wait*');
    const bare = batchJob({ inputs: { files: [], urls: [], textCount: 0 }, models: [] });
    expect(textOf(buildJobDetailsModal(bare, NOW))).toContain('*Texts* 0');
  });
});

describe('an empty list names what matched nothing', () => {
  const filter = (f: Partial<JobFilter>): JobFilter => ({ ...defaultFilter(), ...f });

  test('"No runs for user `nobody`", not "Hume has no jobs"', () => {
    const message = buildNoMatches('Recent jobs, user nobody', filter({ userId: 'nobody' }), 'runs', NOW);
    expect(validateMessage(message)).toEqual([]);
    const text = textOf(message);
    expect(text).toContain('No runs for user `nobody`.');
    expect(text).not.toContain('Hume has no');
  });

  test('every filter is named, statuses first, user text escaped', () => {
    const f = filter({ statuses: ['failed', 'running'], userId: '<!here>', endpoint: 'audio', mode: 'file', since: NOW - 7_200_000 });
    const text = textOf(buildNoMatches('x', f, 'runs', NOW));
    expect(text).toContain('No running or failed runs for user `&lt;!here&gt;` on the audio endpoint in file mode since Nov 28 10:00 UTC.');
    expect(text).not.toContain('<!here>');
  });

  test('nothing filtered: Hume has none at all, in the source\'s noun', () => {
    expect(textOf(buildNoMatches('Recent jobs', filter({}), 'runs', NOW))).toContain('Hume has no runs for this API key yet.');
    expect(textOf(buildNoMatches('Recent jobs', filter({}), 'batch', NOW))).toContain('Hume has no jobs for this API key yet.');
    expect(textOf(buildNoMatches('Failed jobs', filter({ statuses: ['failed'] }), 'batch', NOW))).toContain('No failed jobs.');
  });
});
