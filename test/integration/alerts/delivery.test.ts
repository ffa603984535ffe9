/**
 * Alerts end to end: the app polls the Hume simulator on a fake clock and delivers to the Slack
 * stand-in. One message per job per channel, edited in place, a thread line per change; Slack's
 * failures delay alerts but lose none and repeat none.
 */
import type { StoredMessage } from '../../../src/simulator/slack-server';
import { startAppHarness, type AppHarness, runFor } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';

let h: AppHarness | null = null;
afterEach(async () => {
  for (const message of h?.slack.messages ?? []) expect(validateMessage(message)).toEqual([]);
  await h?.close();
  h = null;
});


const mainMessages = (messages: StoredMessage[], channel: string) => messages.filter((m) => m.channel === channel && m.threadTs === null);

async function appWithChannel(env: Record<string, string> = {}, channelErrors: Record<string, string> = {}): Promise<AppHarness> {
  // A hung Slack call is cut after 300 ms of real time (the client's timeout is not on the fake clock).
  const harness = await startAppHarness({ slackOptions: { channelErrors }, env: { POLL_INTERVAL: '1s', ...env }, overrides: { slackTimeoutMs: 300 } });
  return harness;
}

describe('alert delivery', () => {
  test('one message per job, edited in place as it moves on, with a thread line per change', async () => {
    h = await appWithChannel();
    await h.app.store.subscribe('CALL', ['queued', 'running', 'completed', 'failed'], null, 'U1', h.clock.now());
    await runFor(h, 1000);
    const job = h.book.add({});
    await runFor(h, 2000);
    h.book.start(job.job_id);
    await runFor(h, 3000);
    h.book.complete(job.job_id, { numPredictions: 12, numErrors: 0 });
    await runFor(h, 3000);

    const mains = mainMessages(h.slack.messages, 'CALL');
    expect(mains).toHaveLength(1);
    const main = mains[0]!;
    expect(JSON.stringify(main.blocks)).toContain(job.job_id);
    expect(main.text).toMatch(/completed/i);
    expect(main.edits).toBe(2);
    const thread = h.slack.messages.filter((m) => m.threadTs === main.ts);
    expect(thread.map((m) => m.text)).toEqual([expect.stringMatching(/Running/), expect.stringMatching(/Completed/)]);
  });

  test('a failure alert carries the escaped error and the chosen mention', async () => {
    h = await appWithChannel();
    const ack = await h.command('subscribe failed mention <!subteam^S0TEAM|@ml-oncall>', { channel_id: 'CFAIL' });
    expect((await h.responseTo(ack.responseUrl)).body.response_type).toBe('in_channel');
    await runFor(h, 1000);
    const job = h.book.add({});
    h.book.start(job.job_id);
    await runFor(h, 1500);
    h.book.fail(job.job_id, 'Cannot decode <!channel> & friends');
    await runFor(h, 3000);
    const [alert] = mainMessages(h.slack.messages, 'CFAIL');
    const rendered = JSON.stringify(alert!.blocks);
    expect(rendered).toContain('<!subteam^S0TEAM>');
    expect(rendered).toContain('Cannot decode &lt;!channel&gt; &amp; friends');
    expect(rendered).not.toContain('<!channel>');
  });

  test('Slack answering 429 and 500 for a while delays alerts but loses and repeats none', async () => {
    h = await appWithChannel({ ALERT_CHANNEL: 'CALERTS' });
    await runFor(h, 1000);
    const jobs = Array.from({ length: 6 }, () => h!.book.add({}));
    h.slack.faults.push(
      { method: 'chat.postMessage', status: 429, headers: { 'retry-after': '3' } },
      { method: 'chat.postMessage', status: 500 },
      { method: 'chat.postMessage', status: 503 },
      { method: 'chat.postMessage', hang: true },
      { method: 'chat.postMessage', status: 500 },
    );
    for (const job of jobs) h.book.complete(job.job_id);
    // Backoff after five failures is up to 16 s, then six posts at one a second.
    await runFor(h, 180_000);
    const mains = mainMessages(h.slack.messages, 'CALERTS');
    const ids = mains.map((m) => JSON.stringify(m.blocks));
    for (const job of jobs) expect(ids.filter((text) => text.includes(job.job_id))).toHaveLength(1);
    expect(mains).toHaveLength(6);
    expect(h.slack.faults).toHaveLength(0);
    expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0 });
  });

  test('a channel the app cannot post to stops alone, and `subscriptions` shows why', async () => {
    h = await appWithChannel({}, { CGONE: 'is_archived' });
    await h.app.store.subscribe('CGONE', ['completed'], null, 'U1', h.clock.now());
    await h.app.store.subscribe('COK', ['completed'], null, 'U1', h.clock.now());
    await runFor(h, 1000);
    const job = h.book.add({});
    h.book.complete(job.job_id);
    await runFor(h, 5000);
    expect(mainMessages(h.slack.messages, 'COK')).toHaveLength(1);
    expect(mainMessages(h.slack.messages, 'CGONE')).toHaveLength(0);
    const ack = await h.command('subscriptions all', { channel_id: 'COK' });
    const text = JSON.stringify((await h.responseTo(ack.responseUrl)).body);
    expect(text).toMatch(/is_archived|archived/);
    expect(h.logs.join('\n')).toMatch(/is_archived/);
  });

  test('more than ten alerts for one channel in one cycle become one digest', async () => {
    h = await appWithChannel({ ALERT_CHANNEL: 'CBURST' });
    await runFor(h, 1000);
    const jobs = Array.from({ length: 14 }, () => h!.book.add({}));
    for (const job of jobs.slice(0, 10)) h.book.complete(job.job_id);
    for (const job of jobs.slice(10)) h.book.fail(job.job_id, 'Media too long: 61 min');
    await runFor(h, 3000);
    const mains = mainMessages(h.slack.messages, 'CBURST');
    expect(mains).toHaveLength(1);
    expect(mains[0]!.text).toMatch(/14/);
    expect(JSON.stringify(mains[0]!.blocks)).toMatch(/Media too long/);
  });

  test('subscribing a private channel the app is not in says to invite it', async () => {
    h = await appWithChannel({}, { GSECRET: 'channel_not_found' });
    const ack = await h.command('subscribe', { channel_id: 'GSECRET' });
    const reply = await h.responseTo(ack.responseUrl);
    expect(JSON.stringify(reply.body)).toMatch(/\/invite @hume-jobs/);
    expect(await h.app.store.listSubscriptions('GSECRET')).toEqual([]);
  });

  test('subscribe, subscriptions and unsubscribe keep the channel settings', async () => {
    h = await appWithChannel();
    const sub = await h.command('subscribe failed running', { channel_id: 'CTEAM' });
    await h.responseTo(sub.responseUrl);
    expect(await h.app.store.listSubscriptions('CTEAM')).toEqual([expect.objectContaining({ kinds: ['running', 'failed'], createdBy: 'U0USER' })]);
    const list = await h.command('subscriptions', { channel_id: 'CTEAM' });
    expect(JSON.stringify((await h.responseTo(list.responseUrl)).body)).toMatch(/[Rr]unning/);
    const unsub = await h.command('unsubscribe running', { channel_id: 'CTEAM' });
    await h.responseTo(unsub.responseUrl);
    expect((await h.app.store.listSubscriptions('CTEAM'))[0]!.kinds).toEqual(['failed']);
    const all = await h.command('unsubscribe', { channel_id: 'CTEAM' });
    await h.responseTo(all.responseUrl);
    expect(await h.app.store.listSubscriptions('CTEAM')).toEqual([]);
  });

  test('summary counts by status and groups failures', async () => {
    h = await appWithChannel();
    const now = h.clock.now();
    for (let i = 0; i < 9; i++) {
      const job = h.book.add({ createdAt: now - 3_600_000 + i * 60_000 });
      if (i < 3) h.book.fail(job.job_id, `Media too long: ${60 + i} min`, job.state.created_timestamp_ms + 5000);
      else if (i < 8) h.book.complete(job.job_id, {}, job.state.created_timestamp_ms + 5000);
    }
    h.book.complete(h.book.add({ createdAt: now - 30 * 3_600_000 }).job_id);
    const ack = await h.command('summary since 24h');
    const text = JSON.stringify((await h.responseTo(ack.responseUrl)).body);
    expect(text).toMatch(/9 jobs/);
    expect(text).toMatch(/5 completed/);
    expect(text).toMatch(/3 jobs: Media too long: 6\d min/);
  });
});
