/** App Home: opening the tab publishes counts that match the jobs Hume has. */
import { startAppHarness, waitFor, type AppHarness, runFor, runUntil } from '../../support/app-harness';
import { validateModal } from '../../support/block-kit-validator';
import { openAppHome } from '../../support/app-home';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
});

test('opening App Home shows the counts of the jobs Hume has, what runs now, and failures by cause', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s', ALERT_CHANNEL: 'CHOME' } });
  await runFor(h, 1000);
  const jobs = Array.from({ length: 9 }, () => h!.book.add({}));
  jobs.slice(0, 5).forEach((j) => h!.book.complete(j.job_id));
  jobs.slice(5, 7).forEach((j) => h!.book.fail(j.job_id, 'Failed to download media from URL'));
  h.book.start(jobs[7]!.job_id);
  await runFor(h, 3000);

  expect(await openAppHome(h.port, 'U0VIEWER')).toBe(200);
  const published = await waitFor(() => h!.slack.callsTo('views.publish')[0], 'views.publish');
  expect(published.args.user_id).toBe('U0VIEWER');
  const view = published.args.view as { type: string; blocks: unknown[] };
  expect(view.type).toBe('home');
  const text = JSON.stringify(view.blocks);
  expect(text).toMatch(/9 jobs/);
  expect(text).toMatch(/1 queued · :arrows_counterclockwise: 1 running · :white_check_mark: 5 completed · :x: 2 failed/);
  expect(text).toMatch(/2 jobs: Failed to download media from URL/);
  expect(text).toContain(jobs[7]!.job_id.slice(0, 8));
  expect(text).toMatch(/CHOME/);
  expect(validateModal({ type: 'modal', title: { type: 'plain_text', text: 'Home' }, blocks: view.blocks })).toEqual([]);

  // A later change refreshes the tab of someone who looked, no faster than every 30 s: the change
  // waits out the gap, then shows; an unchanged tab is not published again.
  h.book.complete(jobs[7]!.job_id);
  await runFor(h, 2000);
  expect(h.slack.callsTo('views.publish')).toHaveLength(1);
  await runUntil(h, () => h!.slack.callsTo('views.publish').length >= 2, 'the refresh', 60_000);
  const [first, second] = h.slack.callsTo('views.publish');
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(30_000);
  expect(JSON.stringify(second!.args.view)).toMatch(/6 completed/);
  await runFor(h, 90_000);
  expect(h.slack.callsTo('views.publish')).toHaveLength(2);
  h.book.complete(jobs[8]!.job_id);
  await runUntil(h, () => h!.slack.callsTo('views.publish').length >= 3, 'the next refresh', 60_000);
  expect(JSON.stringify(h.slack.callsTo('views.publish')[2]!.args.view)).toMatch(/7 completed/);
});
