/** `/metrics` parses as Prometheus text, and its counters match what the app really did. */
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { startAppHarness, type AppHarness } from '../../support/app-harness';

let h: AppHarness | null = null;
let slack: SlackStandIn | null = null;
afterEach(async () => {
  await h?.close();
  await slack?.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text format: any line it cannot read fails the test. */
function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
      const eq = pair.indexOf('=');
      labels[pair.slice(0, eq)] = pair.slice(eq + 2, -1);
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

test('counters match what was polled, requested and posted', async () => {
  slack = await startSlackStandIn();
  h = await startAppHarness({ slack, env: { POLL_INTERVAL: '1s', ALERT_CHANNEL: 'CMETRICS' } });
  for (let t = 0; t < 1500; t += 250) {
    await h.clock.advance(250);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const jobs = Array.from({ length: 4 }, () => h!.book.add({}));
  for (const job of jobs) h.book.complete(job.job_id);
  h.book.fail(h.book.add({}).job_id, 'boom');
  for (let t = 0; t < 8000; t += 250) {
    await h.clock.advance(250);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const ack = await h.command('failed');
  await h.responseTo(ack.responseUrl);

  const response = await fetch(`http://127.0.0.1:${h.port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = parsePrometheus(await response.text());

  expect(total(samples, 'hume_jobs_alerts_delivered_total')).toBe(slack.messages.length);
  expect(slack.messages).toHaveLength(5);
  expect(total(samples, 'hume_jobs_status_changes_total')).toBe(5);
  const humeListRequests = h.hume.requests.filter((r) => r.path === '/v0/batch/jobs').length;
  expect(total(samples, 'hume_jobs_hume_requests_total', { endpoint: '/v0/batch/jobs', status: '200' })).toBe(humeListRequests);
  expect(total(samples, 'hume_jobs_poll_cycles_total', { result: 'ok' })).toBeGreaterThanOrEqual(8);
  expect(total(samples, 'hume_jobs_command_seconds_count', { command: 'list' })).toBe(1);
  expect(total(samples, 'hume_jobs_leader')).toBe(1);
  expect(total(samples, 'hume_jobs_outbox_pending')).toBe(0);

  const health = (await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'ok', store: 'ok', leader: { role: 'leader' }, poller: { state: 'running' } });
});
