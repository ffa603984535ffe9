/**
 * `/hume-jobs` end to end: signed requests into the real app over HTTP, the Hume simulator
 * behind it, the Slack stand-in receiving what the app sends back.
 */
import { ACTION_DETAILS, ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../../../src/messages/action-ids';
import { validateMessage, validateModal } from '../../support/block-kit-validator';
import { TEST_API_KEY } from '../../support/hume';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { runFor, runUntil, waitFor } from '../../support/clock';
import { postSigned, commandBody, sign } from '../../support/slack-requests';

let h: AppHarness;
afterEach(async () => {
  // Whatever a test did, everything the app sent Slack must be inside Block Kit's limits.
  for (const response of h?.slack.responses ?? []) expect(validateMessage(response.body)).toEqual([]);
  for (const call of h?.slack.callsTo('views.update') ?? []) expect(validateModal(call.args.view)).toEqual([]);
  await h?.close();
});

const HOUR = 3_600_000;

interface Block {
  type: string;
  text?: { text: string };
  accessory?: { action_id: string; value: string };
  elements?: { action_id?: string; value?: string; text?: unknown }[];
}

/** The job ids a list message shows, in order, read from its Details buttons. */
function listedIds(body: Record<string, unknown>): string[] {
  return ((body.blocks ?? []) as Block[]).filter((b) => b.accessory?.action_id === ACTION_DETAILS).map((b) => b.accessory!.value);
}

function buttonValue(body: Record<string, unknown>, actionId: string): string | null {
  for (const block of (body.blocks ?? []) as Block[]) {
    for (const element of block.elements ?? []) if (element.action_id === actionId) return element.value ?? null;
  }
  return null;
}

const allText = (body: unknown) => JSON.stringify(body);

describe('/hume-jobs over HTTP', () => {
  test('`failed since 2h limit 5` puts exactly the matching query on the wire and lists exactly the matching jobs', async () => {
    h = await startAppHarness();
    const now = h.clock.now();
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      const job = h.book.add({ createdAt: now - 4 * HOUR + i * 6 * 60_000 });
      if (i % 3 === 0) h.book.fail(job.job_id, 'Failed to download media from URL', job.state.created_timestamp_ms + 1000);
      else if (i % 3 === 1) h.book.complete(job.job_id, {}, job.state.created_timestamp_ms + 1000);
      if (i % 3 === 0 && job.state.created_timestamp_ms >= now - 2 * HOUR) expected.push(job.job_id);
    }
    const ack = await h.command('failed since 2h limit 5');
    expect(ack.status).toBe(200);
    const reply = await h.responseTo(ack.responseUrl);

    const listRequests = h.hume.requests.filter((r) => r.path === '/v0/batch/jobs');
    expect(listRequests).toHaveLength(1);
    expect(listRequests[0]!.query).toEqual({
      limit: '11',
      status: 'FAILED',
      when: 'created_before',
      timestamp_ms: String(now + 60_001),
      sort_by: 'created',
      direction: 'desc',
    });
    expect(listRequests[0]!.headers['x-hume-api-key']).toBe(TEST_API_KEY);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(listedIds(reply.body)).toEqual(expected.reverse().slice(0, 5));
    expect(buttonValue(reply.body, ACTION_PAGE_NEXT)).not.toBeNull();
  });

  test('Next and Previous walk 120 jobs without gaps or repeats', async () => {
    h = await startAppHarness();
    const now = h.clock.now();
    const all: string[] = [];
    for (let i = 0; i < 120; i++) {
      // Pairs share a millisecond, so page edges fall inside ties.
      const job = h.book.add({ createdAt: now - 10 * HOUR + Math.floor(i / 2) * 1000 });
      all.push(job.job_id);
    }
    const ack = await h.command('limit 25');
    let page = (await h.responseTo(ack.responseUrl)).body;
    const seen: string[][] = [listedIds(page)];
    for (let next = buttonValue(page, ACTION_PAGE_NEXT); next; next = buttonValue(page, ACTION_PAGE_NEXT)) {
      const click = await h.click(ACTION_PAGE_NEXT, next);
      expect(click.status).toBe(200);
      page = (await h.responseTo(click.responseUrl)).body;
      expect(page.replace_original).toBe(true);
      seen.push(listedIds(page));
    }
    expect(seen.map((ids) => ids.length)).toEqual([25, 25, 25, 25, 20]);
    const walked = seen.flat();
    expect(new Set(walked).size).toBe(120);
    expect(new Set(walked)).toEqual(new Set(all));

    const previous = buttonValue(page, ACTION_PAGE_PREV)!;
    const back = await h.click(ACTION_PAGE_PREV, previous);
    expect(listedIds((await h.responseTo(back.responseUrl)).body)).toEqual(seen[3]);
  });

  test('a bad or stale signature gets 401 and reaches nothing', async () => {
    h = await startAppHarness();
    const body = commandBody('failed', h.slack.responseUrl());
    const forged = await postSigned(h.port, body, { secret: 'not-the-secret' });
    const stale = await postSigned(h.port, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const missing = await postSigned(h.port, body, { signature: '' });
    const tampered = await postSigned(h.port, body.replace('failed', 'completed'), { signature: sign(body, Math.floor(Date.now() / 1000)) });
    expect([forged.status, stale.status, missing.status, tampered.status]).toEqual([401, 401, 401, 401]);
    expect(h.hume.requests).toHaveLength(0);
    expect(h.slack.responses).toHaveLength(0);
  });

  test('a file named <!channel> pings nobody', async () => {
    h = await startAppHarness();
    const job = h.book.add({ request: { files: [{ filename: '<!channel> & <@U123>', content_type: 'audio/wav', md5sum: 'abc' }], urls: [] } });
    h.book.fail(job.job_id, '<!here> broke <https://evil.test|click me>');
    const ack = await h.command('');
    const text = allText((await h.responseTo(ack.responseUrl)).body);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
  });

  test('Hume hanging gets an immediate ack, then "Hume is not answering"', async () => {
    h = await startAppHarness();
    h.hume.faults.push({ hang: true }, { hang: true }, { hang: true }, { hang: true });
    const ack = await h.command('running');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(1000);
    await waitFor(() => h.hume.requests.length === 1, 'the first Hume request');
    // Time passes on the fake clock only: timeouts and backoff play out without real waiting.
    await runUntil(h, () => h!.slack.responses.length > 0, 'the reply', 60_000);
    const reply = await h.responseTo(ack.responseUrl);
    expect(reply.body.text).toMatch(/Hume is not answering/);
    expect(reply.body.response_type).toBe('ephemeral');
  });

  test('a 401 from Hume says the key is wrong, without showing it, and /healthz reports it', async () => {
    h = await startAppHarness({ env: { HUME_API_KEY: 'hk-wrong-secret-key-123' } });
    const ack = await h.command('');
    const reply = await h.responseTo(ack.responseUrl);
    expect(reply.body.text).toMatch(/Hume rejected the API key/);
    const everything = allText(reply.body) + h.logs.join('\n');
    expect(everything).not.toContain('hk-wrong-secret-key-123');
    const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', source: 'batch', hume: { state: 'unauthorized' } });
  });

  test('a retired batch API is said plainly, naming the runs source, and /healthz reports it once it repeats', async () => {
    h = await startAppHarness();
    h.hume.faults.push({ status: 410, body: { message: 'Gone' } }, { status: 404, body: { message: 'Not Found' } });
    const ack = await h.command('failed');
    const reply = await h.responseTo(ack.responseUrl);
    expect(reply.body.text).toMatch(/retired the batch jobs API/);
    expect(reply.body.text).toMatch(/HUME_SOURCE=runs/);
    expect((await fetch(`http://127.0.0.1:${h.port}/healthz`)).status).toBe(200);
    const again = await h.command('failed');
    await h.responseTo(again.responseUrl);
    const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { reason: string }).reason).toMatch(/HUME_SOURCE=runs/);
  });

  test('a typo is answered in the ack with one line naming the nearest word; a word nobody knows gets the usage', async () => {
    h = await startAppHarness();
    const ack = await h.command('faild since 2h');
    expect(ack.status).toBe(200);
    const body = JSON.parse(ack.body) as Record<string, unknown>;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe("`faild` isn't a word I know: did you mean `failed`?");
    expect(allText(body)).not.toMatch(/Usage|understand/);
    const unknown = JSON.parse((await h.command('banana')).body) as Record<string, unknown>;
    expect(unknown.text).toBe("`banana` isn't a word I know.");
    expect(allText(unknown)).toMatch(/\/hume-jobs help/);
    expect(h.hume.requests).toHaveLength(0);
  });

  test('a runs-only filter on the batch source is refused, not ignored', async () => {
    h = await startAppHarness();
    const ack = await h.command('mode realtime');
    expect(allText(JSON.parse(ack.body))).toMatch(/runs-only/);
    expect(h.hume.requests).toHaveLength(0);
  });

  test('help answers at once', async () => {
    h = await startAppHarness();
    const ack = await h.command('help');
    expect(allText(JSON.parse(ack.body))).toMatch(/subscribe/);
  });

  test('`job <short id>` finds the job, and Details opens a modal that fills in', async () => {
    h = await startAppHarness();
    const job = h.book.add({});
    h.book.add({});
    h.book.complete(job.job_id, { numPredictions: 7, numErrors: 2 });
    const ack = await h.command(`job ${job.job_id.slice(0, 8)}`);
    const reply = await h.responseTo(ack.responseUrl);
    expect(allText(reply.body)).toContain(job.job_id);
    expect(allText(reply.body)).toMatch(/2 errors/);

    const click = await h.click(ACTION_DETAILS, job.job_id);
    expect(click.status).toBe(200);
    const update = await waitFor(() => h.slack.callsTo('views.update')[0], 'views.update');
    const opened = h.slack.callsTo('views.open')[0]!;
    expect(opened.args.trigger_id).toMatch(/\.standin$/);
    expect(update.args.view_id).toMatch(/^V/);
    expect(allText(update.args.view)).toContain(job.job_id);
  });

  test('Details pressed with a trigger Slack no longer accepts says to press again, instead of nothing', async () => {
    h = await startAppHarness();
    const job = h.book.add({});
    const stale = h.slack.triggerId();
    await h.click(ACTION_DETAILS, job.job_id, stale);
    await waitFor(() => h.slack.callsTo('views.update')[0], 'the first modal');
    // The same trigger again: Slack answers exchanged_trigger_id (a trigger opens one view).
    const again = await h.click(ACTION_DETAILS, job.job_id, stale);
    const reply = await h.responseTo(again.responseUrl);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(reply.body)).toMatch(/Press Details again/);
    expect(h.slack.callsTo('views.update')).toHaveLength(1);
  });

  test('a short id of a job the poller tracks is found without scanning Hume, however far back it is', async () => {
    h = await startAppHarness({ env: { POLL_INTERVAL: '1s' } });
    const old = h.book.add({});
    await runFor(h, 1000);
    // 1,200 newer jobs: further back than the scan of Hume's recent jobs reaches.
    for (let i = 0; i < 1200; i++) h.book.add({});
    h.book.complete(old.job_id);
    await runFor(h, 2000);
    const listsBefore = h.hume.requests.filter((r) => r.path === '/v0/batch/jobs').length;
    const ack = await h.command(`job ${old.job_id.slice(0, 8)}`);
    expect(allText((await h.responseTo(ack.responseUrl)).body)).toContain(old.job_id);
    expect(h.hume.requests.filter((r) => r.path === '/v0/batch/jobs').length).toBe(listsBefore);
  });

  test('an unknown id says so', async () => {
    h = await startAppHarness();
    h.book.add({});
    const ack = await h.command('job 0123456789abcdef');
    expect((await h.responseTo(ack.responseUrl)).body.text).toBe(
      "No recent job has an id starting with `0123456789abcdef`: check it, or use the full id from the job's details.",
    );
  });

  test('/healthz answers 200 with the source and poller state', async () => {
    h = await startAppHarness();
    const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', source: 'batch', poller: { state: 'off' } });
  });
});
