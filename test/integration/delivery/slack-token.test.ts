/**
 * Slack refusing the bot token (token_revoked, invalid_auth, account_inactive) is an outage with
 * a clear state: /healthz answers 503 "slack token rejected", alerts wait (not given up, not
 * retried in a tight loop), and everything recovers once a call succeeds again.
 */
import { runFor, runUntil, type AppHarness } from '../../support/app-harness';
import { appPerTest } from '../../support/alert-app';

const app = appPerTest();
let h: AppHarness;

async function healthz(port: number): Promise<{ status: number; body: { reason?: string; slack: { state: string; error: string | null } } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as { reason?: string; slack: { state: string; error: string | null } } };
}

test.each(['token_revoked', 'invalid_auth', 'account_inactive'])('Slack answering %s: 503 in /healthz while alerts wait, then recovery', async (error) => {
  h = await app.start(['CTOKEN', 'CTOKEN2', 'CTOKEN3'], ['completed']);
  expect((await healthz(h.port)).status).toBe(200);

  h.slack.controls.revokeToken(error);
  const job = h.book.add({});
  h.book.complete(job.job_id);
  const posts = () => h.slack.callsTo('chat.postMessage').length;
  await runUntil(h, () => posts() > 0, 'a first post', 10_000);
  const refused = await healthz(h.port);
  expect(refused.status).toBe(503);
  expect(refused.body.reason).toMatch(/^slack token rejected/);
  expect(refused.body.slack).toMatchObject({ state: 'token_rejected', error });

  // Five minutes later: one try about once a minute (not one per channel), still waiting, nothing given up.
  const before = posts();
  await runFor(h, 5 * 60_000);
  expect(posts() - before).toBeGreaterThanOrEqual(4);
  expect(posts() - before).toBeLessThanOrEqual(6);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 3, dead: 0 });
  expect((await healthz(h.port)).status).toBe(503);

  h.slack.controls.restoreToken();
  await runUntil(h, () => h.slack.messages.length === 3, 'the alerts after the token works again', 2 * 60_000);
  // The last row is completed just after its post lands.
  const pending = async () => (await h.app.store.outboxStats(h.clock.now())).pending;
  for (let tries = 0; (await pending()) > 0 && tries < 500; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
  const healed = await healthz(h.port);
  expect(healed.status).toBe(200);
  expect(healed.body.slack.state).toBe('ok');
});
