/**
 * Back-off that fits an alerting tool: no answer from Hume can stop polling for long, every
 * wait says when and why (logs, /healthz), and the alert after an outage comes soon after Hume
 * heals. Poller against the simulator, and the whole app for /healthz and the alert itself.
 */
import { MAX_RETRY_AFTER_MS, PERMANENT_FAILURE_DELAY_MS, maxBackoffMs } from '../../../src/poller/backoff';
import { startAppHarness, runUntil, type AppHarness } from '../../support/app-harness';
import { startPollerHarness, type PollerHarness } from '../../support/poller-harness';

let p: PollerHarness | null = null;
let a: AppHarness | null = null;
afterEach(async () => {
  await p?.close();
  await a?.close();
  p = a = null;
});

interface Healthz {
  status: string;
  reason?: string;
  hume: { state: string; message: string | null };
  poller: { state: string; nextCycleAt?: number; nextTryAt?: string; retryReason?: string | null; unreadableJobs?: number };
}

async function healthz(h: AppHarness): Promise<{ status: number; body: Healthz }> {
  const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  return { status: response.status, body: (await response.json()) as Healthz };
}

describe('poller waits', () => {
  test('a 429 with Retry-After: 86400 waits at most a couple of minutes, and says so', async () => {
    p = await startPollerHarness({ intervalMs: 5_000 });
    const { hume, poller, clock } = p;
    await poller.runCycle();
    hume.faults.push({ status: 429, headers: { 'retry-after': '86400' }, body: { message: 'API rate limit exceeded' } });
    const limited = await poller.runCycle();
    expect(limited.ok).toBe(false);
    expect(limited.nextAt - clock.now()).toBe(MAX_RETRY_AFTER_MS);
    expect(limited.retryReason).toMatch(/asked to wait 86400 s \(capped at 120 s\)/);
    await clock.advance(MAX_RETRY_AFTER_MS);
    expect((await poller.runCycle()).ok).toBe(true);
  });

  test('one passing 400 is retried at the normal pace; three in a row count as lasting and slow down', async () => {
    p = await startPollerHarness({ intervalMs: 5_000 });
    const { hume, poller, clock } = p;
    await poller.runCycle();
    hume.faults.push({ pathPrefix: '/v0/batch/jobs', status: 400, body: { message: 'bad request' } });
    const once = await poller.runCycle();
    expect(once.ok).toBe(false);
    expect(once.nextAt - clock.now()).toBe(5_000);
    await clock.advance(5_000);
    expect((await poller.runCycle()).ok).toBe(true);

    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      hume.faults.push({ pathPrefix: '/v0/batch/jobs', status: 400, body: { message: 'bad request' } });
      const report = await poller.runCycle();
      waits.push(report.nextAt - clock.now());
    }
    expect(waits).toEqual([5_000, 5_000, PERMANENT_FAILURE_DELAY_MS]);
  });

  test('an outage backs off to at most max(2 × interval, 30 s)', async () => {
    p = await startPollerHarness({ intervalMs: 5_000, retry: { name: 'none', attemptTimeoutMs: 5_000, maxRetries: 0, totalBudgetMs: 5_000, baseDelayMs: 0, maxDelayMs: 0 } });
    const { hume, poller, clock } = p;
    await poller.runCycle();
    const release = hume.faults.hold({ pathPrefix: '/v0/batch/jobs', status: 503, body: { message: 'unavailable' } });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const report = await poller.runCycle();
      waits.push(report.nextAt - clock.now());
      await clock.advance(report.nextAt - clock.now());
    }
    release();
    expect(waits).toEqual([10_000, 20_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
    expect(Math.max(...waits)).toBe(maxBackoffMs(5_000));
  });
});

describe('/healthz tells the truth about Hume', () => {
  test('a rate limit shows in /healthz with when the next try is and why (200: it heals by itself)', async () => {
    a = await startAppHarness({ env: { POLL_INTERVAL: '5s' } });
    await runUntil(a, () => a!.app.health.report().body.poller.state === 'running', 'a first cycle', 30_000);
    a.hume.faults.push({ pathPrefix: '/v0/batch/jobs', status: 429, headers: { 'retry-after': '86400' }, body: { message: 'API rate limit exceeded' } });
    await runUntil(a, () => a!.app.health.report().body.poller.state === 'retrying', 'a rate-limited cycle', 30_000);
    const { status, body } = await healthz(a);
    expect(status).toBe(200);
    expect(body.hume).toMatchObject({ state: 'rate_limited', message: expect.stringMatching(/86400 s/) });
    expect(body.poller.retryReason).toMatch(/capped at 120 s/);
    expect(Date.parse(body.poller.nextTryAt!) - a.clock.now()).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
    expect(a.logs.some((line) => line.includes('poll cycle failed') && line.includes('capped at 120 s'))).toBe(true);
  });

  test.each([
    ['a rejected key (401)', { status: 401, body: { message: 'Unauthorized' } }, /HUME_API_KEY/],
    ['a retired API (410 on the list)', { status: 410, body: { message: 'Gone' } }, /retired/],
  ])('%s is 503 with the reason, and is retried slowly, not given up', async (_name, fault, reason) => {
    a = await startAppHarness({ env: { POLL_INTERVAL: '5s' } });
    await runUntil(a, () => a!.app.health.report().body.poller.state === 'running', 'a first cycle', 30_000);
    const release = a.hume.faults.hold({ pathPrefix: '/v0/batch/jobs', ...fault });
    const slow = () => {
      const poller = a!.app.health.report().body.poller as Healthz['poller'];
      return poller.state === 'retrying' && (poller.nextCycleAt ?? 0) - a!.clock.now() > 60_000;
    };
    await runUntil(a, slow, 'a slow retry', 120_000);
    const { status, body } = await healthz(a);
    expect(status).toBe(503);
    expect(body.reason).toMatch(reason);
    expect(body.poller.retryReason).toMatch(/3 times in a row; retrying every 300 s/);
    // Still polling: once the cause is fixed, the next slow try succeeds.
    release();
    await runUntil(a, () => a!.app.health.report().body.poller.state === 'running', 'polling again', PERMANENT_FAILURE_DELAY_MS + 30_000);
    expect((await healthz(a)).status).toBe(200);
  });

  test('after a 5 minute outage at a 5 s interval, the next alert comes within 40 s of Hume healing', async () => {
    a = await startAppHarness({ env: { POLL_INTERVAL: '5s', ALERT_CHANNEL: 'COUTAGE' } });
    await runUntil(a, () => a!.app.health.report().body.poller.state === 'running', 'a first cycle', 30_000);
    const release = a.hume.faults.hold({ pathPrefix: '/v0/batch/jobs', status: 503, body: { message: 'upstream unavailable' } });
    const job = a.book.add({});
    a.book.complete(job.job_id);
    const outageEnds = a.clock.now() + 5 * 60_000;
    await runUntil(a, () => a!.clock.now() >= outageEnds, 'five minutes of outage', 5 * 60_000 + 1000);
    expect(a.slack.messages).toHaveLength(0);
    release();
    const healedAt = a.clock.now();
    await runUntil(a, () => a!.slack.messages.length > 0, 'the alert after the outage', 120_000);
    const late = a.clock.now() - healedAt;
    expect(late).toBeLessThanOrEqual(40_000);
    expect(a.slack.messages).toHaveLength(1);
  });
});
