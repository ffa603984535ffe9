/**
 * A fresh install on an account with history, tried as a new team would: from the first minute
 * App Home, the board and `summary since 24h` agree, the overdue rule has the last week to learn
 * from (a job stuck 20 minutes, where jobs take seconds, is alerted within two minutes of the
 * first start), and nothing of the history is alerted.
 */
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { createRunBook, type RunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { runUntil, waitFor, type AppHarness } from '../../support/app-harness';
import { TestClock } from '../../support/hume';
import { wholeAppPerTest, type WholeApp, type WholeAppOptions } from '../../support/whole-app';
import { openAppHome } from '../../support/app-home';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ALERTS = 'C0ALERTS';

const startApp = wholeAppPerTest();
let clock: TestClock;
let w!: WholeApp;

/** A day of batch jobs that take seconds (a few failed), older ones over the week, and one job stuck 20 minutes. */
function batchHistory(book: JobBook): { day: number; stuck: string } {
  const now = clock.now();
  const add = (createdAt: number, i: number) => {
    const { job_id: id } = book.add({ createdAt, input: 'urls' });
    book.start(id, createdAt + 1_000);
    if (i % 9 === 4) book.fail(id, 'E0202: No audio signal detected in media', createdAt + 4_000);
    else book.complete(id, {}, createdAt + 3_000 + (i % 5) * 1_000);
  };
  for (let i = 0; i < 40; i++) add(now - 6 * 24 * HOUR + i * 3 * HOUR, i);
  // 90 in the last day, well inside it so the window moving during the test changes nothing.
  for (let i = 0; i < 90; i++) add(now - 23 * HOUR + i * 15 * MINUTE, i);
  const stuck = book.add({ createdAt: now - 20 * MINUTE, input: 'urls' }).job_id;
  book.start(stuck, now - 20 * MINUTE + 1_000);
  return { day: 91, stuck };
}

/** The same for runs: upload runs that end in seconds, and one realtime session live for 20 minutes. */
function runsHistory(book: RunBook): { day: number; stuck: string } {
  const now = clock.now();
  const add = (startedAt: number, i: number) => {
    const { run_id: id } = book.add({ startedAt, mode: 'file', endpoint: 'audio' });
    if (i % 9 === 4) book.error(id, { at: startedAt + 4_000 });
    else book.end(id, { at: startedAt + 3_000 + (i % 5) * 1_000 });
  };
  for (let i = 0; i < 40; i++) add(now - 6 * 24 * HOUR + i * 3 * HOUR, i);
  for (let i = 0; i < 90; i++) add(now - 23 * HOUR + i * 15 * MINUTE, i);
  const stuck = book.add({ startedAt: now - 20 * MINUTE, mode: 'realtime', endpoint: 'video' }).run_id;
  return { day: 91, stuck };
}

async function openHome(harness: AppHarness): Promise<string> {
  const before = w.slack.callsTo('views.publish').length;
  expect(await openAppHome(harness.port, 'U0VIEWER')).toBe(200);
  const published = await waitFor(() => w.slack.callsTo('views.publish')[before], 'views.publish');
  return JSON.stringify(published.args.view);
}

async function boardText(harness: AppHarness): Promise<string> {
  const before = w.slack.messages.length;
  const { responseUrl } = await harness.command('board');
  await harness.responseTo(responseUrl);
  const board = await waitFor(() => w.slack.messages.slice(before).find((m) => m.channel === 'C0LIST' && m.threadTs === null), 'the board');
  return JSON.stringify(board.blocks);
}

async function summaryText(harness: AppHarness): Promise<string> {
  const { responseUrl } = await harness.command('summary since 24h');
  return JSON.stringify((await harness.responseTo(responseUrl)).body);
}

/** "N jobs" and the per-status counts line each view shows for the last day. */
function dayCounts(whole: string): { total: string; counts: string } {
  const at = whole.indexOf('Last 24 hours');
  const text = at >= 0 ? whole.slice(at) : whole;
  const total = /(\d[\d,]*) (?:jobs?|runs?)\b/.exec(text)?.[1];
  const counts = /(?::hourglass_flowing_sand:|:arrows_counterclockwise:) [^"\\]*?:x: \d+ failed/.exec(text)?.[0];
  if (total === undefined || counts === undefined) throw new Error(`no day counts in ${text.slice(0, 400)}`);
  return { total, counts };
}

async function firstStart(simulator: WholeAppOptions['simulator'], env: Record<string, string> = {}): Promise<AppHarness> {
  w = await startApp({ clock, simulator, env: { POLL_INTERVAL: '30s', ALERT_CHANNEL: ALERTS, ...env } });
  return w.app;
}

async function expectDayOne(harness: AppHarness, history: { day: number; stuck: string }, runs = false): Promise<void> {
  const started = clock.now();
  const overdue = () => w.slack.messages.find((m) => m.channel === ALERTS && /overdue/.test(m.text));
  await runUntil(harness, () => overdue() !== undefined, 'the overdue alert', 2 * MINUTE);
  expect(clock.now() - started).toBeLessThanOrEqual(2 * MINUTE);
  expect(overdue()!.text).toContain(history.stuck.slice(0, 8));
  // The history itself is never alerted: the overdue alert is the only message in the channel.
  expect(w.slack.messages.filter((m) => m.channel === ALERTS)).toHaveLength(1);
  expect(harness.logs.some((line) => line.includes('first start: history recorded'))).toBe(true);

  const texts = { summary: await summaryText(harness), board: await boardText(harness), home: await openHome(harness) };
  // The runs source speaks of runs: nothing queued, no queue wait, no "no inputs".
  if (runs) for (const text of Object.values(texts)) expect(text).not.toMatch(/queued|queue wait|no inputs|\d jobs\b/i);
  const summary = dayCounts(texts.summary);
  const board = dayCounts(texts.board);
  const home = dayCounts(texts.home);
  expect(summary.total).toBe(String(history.day));
  expect(board).toEqual(summary);
  expect(home).toEqual(summary);
}

test('batch: App Home, the board and summary since 24h agree on day one, and a stuck job is overdue within two minutes', async () => {
  clock = new TestClock();
  const book = createJobBook({ clock, seed: 12 });
  const history = batchHistory(book);
  await expectDayOne(await firstStart({ book }), history);
});

test('runs: App Home, the board and summary since 24h agree on day one, and a stuck session is overdue within two minutes', async () => {
  clock = new TestClock();
  const book = createRunBook({ clock, seed: 12 });
  const history = runsHistory(book);
  await expectDayOne(await firstStart({ routes: [createRunsApi({ book })] }, { HUME_SOURCE: 'runs' }), history, true);
});
