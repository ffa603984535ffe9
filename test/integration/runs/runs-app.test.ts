/**
 * The whole app with HUME_SOURCE=runs against the runs API simulator: commands put the runs
 * filters on the wire, and a run that goes errored → live → ended gets one failure alert and a
 * "recovered" line in its thread, never two failure alerts.
 */
import { createRunBook, type RunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { startAppHarness, type AppHarness, runFor } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TEST_API_KEY, TestClock } from '../../support/hume';

let h: AppHarness | null = null;
let hume: HumeSimulator | null = null;
let slack: SlackStandIn | null = null;
let book: RunBook;
let clock: TestClock;

beforeEach(async () => {
  clock = new TestClock();
  book = createRunBook({ clock, seed: 8 });
  hume = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now() });
});

afterEach(async () => {
  for (const message of slack?.messages ?? []) expect(validateMessage(message)).toEqual([]);
  await h?.close();
  await hume?.close();
  await slack?.close();
  h = null;
});

async function runsApp(env: Record<string, string> = {}): Promise<AppHarness> {
  return startAppHarness({ clock, hume: hume!, slack: slack!, env: { HUME_SOURCE: 'runs', ...env } });
}


test('a list command puts the runs filters on the wire and lists the matching runs', async () => {
  h = await runsApp();
  const now = clock.now();
  const audio = book.add({ endpoint: 'audio', mode: 'realtime', startedAt: now - 3_600_000 });
  book.error(audio.run_id, { closeCode: 1011, at: now - 3_500_000 });
  const video = book.add({ endpoint: 'video', mode: 'realtime', startedAt: now - 1_800_000 });
  book.error(video.run_id, { closeCode: 1011, at: now - 1_700_000 });
  const ack = await h.command('errored endpoint audio since 2h limit 5');
  const reply = await h.responseTo(ack.responseUrl);
  const [request] = hume!.requests.filter((r) => r.path === '/v1/expression/run');
  expect(request!.query).toMatchObject({ status: 'errored', endpoint: 'audio', started_after: new Date(now - 7_200_000).toISOString() });
  const text = JSON.stringify(reply.body);
  expect(text).toContain(audio.run_id);
  expect(text).not.toContain(video.run_id);
});

test('filters the runs API cannot apply are refused with a reason', async () => {
  h = await runsApp();
  for (const words of ['sort started', 'queued', 'oldest']) {
    const ack = await h.command(words);
    expect(ack.body).toMatch(/runs/);
  }
  expect(hume!.requests).toHaveLength(0);
});

test('errored → live → errored → live → ended: one message, each change in its thread, never a second message', async () => {
  h = await runsApp({ POLL_INTERVAL: '1s' });
  await h.app.store.subscribe('CRUNS', ['completed', 'failed'], null, 'U1', clock.now());
  await runFor(h, 1000);
  const live = book.add({ endpoint: 'video', mode: 'realtime' });
  book.recordProblem(live.run_id, 'invalid_image_frame', { count: 3 });
  await runFor(h, 2000);
  book.quiet(live.run_id);
  await runFor(h, 5 * 60_000 + 5000); // the five-minute silence rule: errored
  book.hear(live.run_id); // live again
  await runFor(h, 5000);
  book.quiet(live.run_id);
  await runFor(h, 5 * 60_000 + 5000); // errored a second time
  book.hear(live.run_id);
  await runFor(h, 3000);
  book.end(live.run_id);
  await runFor(h, 5000);

  const mains = slack!.messages.filter((m) => m.channel === 'CRUNS' && m.threadTs === null);
  expect(mains).toHaveLength(1);
  const thread = slack!.messages.filter((m) => m.threadTs === mains[0]!.ts).map((m) => m.text);
  expect(thread.filter((t) => /recovered/i.test(t)).length).toBeGreaterThanOrEqual(1);
  // The second failure is a later change of the same run: one message still, and its thread
  // tells each change in order, so the message always shows where the run is.
  expect(thread.map((t) => (/recovered/i.test(t) ? 'recovered' : /Failed/.test(t) ? 'failed' : /Completed/.test(t) ? 'completed' : t))).toEqual([
    'recovered',
    'failed',
    'recovered',
    'completed',
  ]);
  expect(mains[0]!.text).toMatch(/completed|ended/i);
  // The failure alert as first posted carried the run's problem events, counted by kind.
  const [firstPost] = slack!.callsTo('chat.postMessage');
  expect(JSON.stringify(firstPost!.args.blocks)).toMatch(/invalid_image_frame/);
  expect(firstPost!.args.text).toMatch(/failed/i);
});

test('a runs route the gateway does not serve is reported, not retried in a loop', async () => {
  h = await runsApp({ HUME_API_URL: `${hume!.url}/nope` });
  const ack = await h.command('');
  const reply = await h.responseTo(ack.responseUrl);
  expect(reply.body.text).toMatch(/HUME_API_URL/);
});
