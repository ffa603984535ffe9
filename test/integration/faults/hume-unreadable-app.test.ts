/**
 * An unreadable job as a user and an operator see it: `job <id>` shows its last readable state
 * and why, /metrics counts it, /healthz keeps Hume "ok" (one job's answers are not an outage).
 */
import { startAppHarness, runUntil, type AppHarness } from '../../support/app-harness';
import { parsePrometheus, total } from '../../support/prometheus';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

test('a job whose GET keeps failing shows as unreadable in `job <id>`, in /metrics and in /healthz', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '5s', ALERT_CHANNEL: 'CJOBS' } });
  const { book, hume, app } = h;
  // Created before the poller's look-back: once finished, only its own GET tells.
  const bad = book.add({ createdAt: h.clock.now() - 10 * 60_000 });
  book.start(bad.job_id);
  const fine = book.add({ createdAt: h.clock.now() - 10 * 60_000 });
  book.start(fine.job_id);
  await runUntil(h, () => app.health.report().body.poller.state === 'running', 'a first cycle', 30_000);
  book.complete(bad.job_id);
  book.complete(fine.job_id);
  hume.faults.hold({ path: `/v0/batch/jobs/${bad.job_id}`, status: 500, body: { message: 'internal error' } });

  const unreadable = () => (app.health.report().body.poller as { unreadableJobs?: number }).unreadableJobs === 1;
  await runUntil(h, unreadable, 'the job recorded as unreadable', 120_000);
  // The other job was alerted meanwhile.
  expect(h.slack.messages.map((m) => m.text).join('\n')).toContain(fine.job_id.slice(0, 8));

  const ack = await h.command(`job ${bad.job_id}`);
  await runUntil(h, () => h!.slack.responses.some((r) => ack.responseUrl.endsWith(`/response/${r.id}`)), 'the job reply', 30_000);
  const reply = await h.responseTo(ack.responseUrl);
  const text = JSON.stringify(reply.body);
  expect(text).toContain('Unreadable');
  expect(text).toContain('HTTP 500');

  const samples = parsePrometheus(await (await fetch(`http://127.0.0.1:${h.port}/metrics`)).text());
  expect(total(samples, 'hume_jobs_unreadable_jobs')).toBe(1);
  const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ hume: { state: 'ok' }, poller: { state: 'running', unreadableJobs: 1 } });
});
