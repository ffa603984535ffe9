/** `/metrics` parses as Prometheus text, and its counters match what the app really did. */
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { runFor, runUntil } from '../../support/clock';
import { parsePrometheus, scrape, total } from '../../support/prometheus';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
});

test('counters match what was polled, requested and posted', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s', ALERT_CHANNEL: 'CMETRICS' } });
  await runFor(h, 1500);
  const jobs = Array.from({ length: 4 }, () => h!.book.add({}));
  for (const job of jobs) h.book.complete(job.job_id);
  h.book.fail(h.book.add({}).job_id, 'boom');
  await runFor(h, 8000);
  const ack = await h.command('failed');
  await h.responseTo(ack.responseUrl);

  const response = await fetch(`http://127.0.0.1:${h.port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = parsePrometheus(await response.text());

  expect(total(samples, 'hume_jobs_alerts_delivered_total')).toBe(h.slack.messages.length);
  expect(h.slack.messages).toHaveLength(5);
  expect(total(samples, 'hume_jobs_status_changes_total')).toBe(5);
  const humeListRequests = h.hume.requests.filter((r) => r.path === '/v0/batch/jobs').length;
  expect(total(samples, 'hume_jobs_hume_requests_total', { endpoint: '/v0/batch/jobs', status: '200' })).toBe(humeListRequests);
  expect(total(samples, 'hume_jobs_poll_cycles_total', { result: 'ok' })).toBeGreaterThanOrEqual(8);
  expect(total(samples, 'hume_jobs_command_seconds_count', { command: 'list' })).toBe(1);
  expect(total(samples, 'hume_jobs_leader')).toBe(1);
  expect(total(samples, 'hume_jobs_outbox_pending')).toBe(0);
  // Node's own metrics under the app's prefix, once: hume_jobs_process_…, not hume_jobs_process_process_….
  expect(total(samples, 'hume_jobs_process_cpu_seconds_total')).toBeGreaterThan(0);
  expect(samples.some((s) => s.name.includes('process_process'))).toBe(false);

  const health = (await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'ok', store: { state: 'ok' }, leader: { role: 'leader' }, poller: { state: 'running' } });
});

test('an overdue alert is counted as kind="overdue", not as a job alert', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' } });
  await runFor(h, 1000);
  for (const text of ['subscribe completed', 'overdue 2m']) {
    const ack = await h.command(text, { channel_id: 'C0OVERDUE' });
    await h.responseTo(ack.responseUrl);
  }
  const stuck = h.book.add({});
  h.book.start(stuck.job_id);
  const overdue = () => h!.slack.messages.filter((m) => m.channel === 'C0OVERDUE' && /is overdue/.test(m.text));
  await runUntil(h, () => overdue().length > 0, 'the overdue alert', 240_000);

  const samples = await scrape(h.port);
  expect(total(samples, 'hume_jobs_alerts_delivered_total', { kind: 'overdue' })).toBe(1);
  expect(total(samples, 'hume_jobs_alerts_delivered_total', { kind: 'job' })).toBe(0);
});
