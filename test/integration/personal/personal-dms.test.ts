/**
 * Personal notifications tried as a person would: `watch <id>` brings exactly one DM when the job
 * ends; `notify me failed` one DM per failure and nothing after `notify me off`; on runs,
 * `notify me failed mine` after `link usr_…` only the linked user's runs. The whole app in-process
 * against the Hume simulator and the Slack stand-in, on the fake clock.
 */
import { createRunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import type { SlackStandIn } from '../../../src/simulator/slack-server';
import { Workspace } from '../../../src/simulator/slack-workspace';
import { runFor, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TEST_API_KEY, TestClock } from '../../support/hume';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';

let h: AppHarness | null = null;
let runsHume: HumeSimulator | null = null;
afterEach(async () => {
  for (const message of h?.slack.messages ?? []) expect(validateMessage(message)).toEqual([]);
  await h?.close();
  await runsHume?.close();
  h = null;
  runsHume = null;
});

const ADA = 'U0USER';
const GRACE = 'U0GRACE';
const PEOPLE = [
  { id: ADA, name: 'ada', tz: 'Etc/UTC', offsetSeconds: 0 },
  { id: GRACE, name: 'grace', tz: 'Etc/UTC', offsetSeconds: 0 },
];

const dmsTo = (slack: SlackStandIn, userId: string) => slack.messages.filter((m) => m.channel === Workspace.dmId(userId));

async function reply(harness: AppHarness, text: string, userId = ADA): Promise<{ visibility: unknown; text: string }> {
  const ack = await harness.command(text, { user_id: userId });
  const body = (await harness.responseTo(ack.responseUrl)).body;
  return { visibility: body.response_type, text: JSON.stringify(body.blocks) };
}

test('watch <short id> brings exactly one DM when the job fails, then the watch is over', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, slackOptions: { users: PEOPLE } });
  await runFor(h, 1000);
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 2000);

  const watched = await reply(h, `watch ${job.job_id.slice(0, 8)}`);
  expect(watched.visibility).toBe('ephemeral');
  expect(watched.text).toContain('You will get one DM when job');
  expect((await reply(h, 'watch')).text).toContain('You watch 1 job');

  h.book.fail(job.job_id, 'Media too long <!channel>');
  await runFor(h, 3000);
  const dms = dmsTo(h.slack, ADA);
  expect(dms).toHaveLength(1);
  expect(dms[0]!.text).toContain('failed: Media too long');
  const shown = JSON.stringify(dms[0]!.blocks);
  expect(shown).toContain('hume_jobs.details');
  expect(shown).toContain('Media too long &lt;!channel&gt;');
  expect(shown).toContain('that watch is now over');
  // Nobody else hears of it, and nothing more comes.
  expect(dmsTo(h.slack, GRACE)).toHaveLength(0);
  await runFor(h, 5000);
  expect(dmsTo(h.slack, ADA)).toHaveLength(1);
  expect((await reply(h, 'watch')).text).toContain('You watch no jobs.');
});

test('watch on a job that already ended says so at once and watches nothing', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, slackOptions: { users: PEOPLE } });
  const job = h.book.add({});
  h.book.start(job.job_id);
  h.book.complete(job.job_id);
  const answer = await reply(h, `watch ${job.job_id}`);
  expect(answer.text).toContain('has already ended');
  expect(answer.text).toContain('Completed');
  expect(await h.app.store.listWatches(ADA)).toEqual([]);
  expect((await reply(h, 'unwatch all')).text).toContain('Nothing changed: you watch no jobs.');
});

test('notify me failed: one DM per failure, none for completions, nothing after notify me off', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, slackOptions: { users: PEOPLE } });
  await runFor(h, 1000);
  expect((await reply(h, 'notify me')).text).toContain('You get no DMs for job changes.');
  expect((await reply(h, 'notify me failed')).text).toContain('You will get a DM for each job that is :x: failed.');
  expect((await reply(h, 'notify me')).text).toContain('You get a DM for each job that is :x: failed.');

  const [a, b, c] = [h.book.add({}), h.book.add({}), h.book.add({})];
  for (const job of [a, b, c]) h.book.start(job.job_id);
  await runFor(h, 2000);
  h.book.fail(a.job_id, 'Media too long');
  h.book.fail(b.job_id, 'Unsupported file');
  h.book.complete(c.job_id);
  await runFor(h, 5000);
  const dms = dmsTo(h.slack, ADA);
  expect(dms.map((m) => m.text).sort()).toEqual([expect.stringContaining('failed: Media too long'), expect.stringContaining('failed: Unsupported file')].sort());
  expect(dmsTo(h.slack, GRACE)).toHaveLength(0);

  expect((await reply(h, 'notify me off')).text).toContain('Your notifications are off');
  const later = h.book.add({});
  h.book.start(later.job_id);
  await runFor(h, 2000);
  h.book.fail(later.job_id, 'Media too long');
  await runFor(h, 5000);
  expect(dmsTo(h.slack, ADA)).toHaveLength(2);
});

test('a filter batch jobs cannot apply is refused in words, and nothing is set', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, slackOptions: { users: PEOPLE } });
  expect((await reply(h, 'notify me failed endpoint audio')).text).toContain('`endpoint` is a runs-only filter');
  expect((await reply(h, 'notify me failed mine')).text).toContain('`mine` is a runs-only filter');
  expect(await h.app.store.notifyRules(ADA)).toEqual([]);
});

test('runs: notify me failed mine after link brings DMs for the linked user’s runs only', async () => {
  const runs = createRunBookFor();
  runsHume = await startHumeSimulator({ routes: [createRunsApi({ book: runs.book })], apiKey: TEST_API_KEY });
  h = await startAppHarness({ clock: runs.clock, hume: runsHume, env: { POLL_INTERVAL: '1s', HUME_SOURCE: 'runs' }, slackOptions: { users: PEOPLE } });
  expect((await reply(h, 'notify me failed mine')).text).toContain('/hume-jobs link usr_…');
  expect((await reply(h, 'link usr_ada')).text).toContain('You are now the Hume user `usr_ada`');
  expect((await reply(h, 'notify me failed mine')).text).toContain('of your own runs (`usr_ada`)');
  expect((await reply(h, 'notify me errored', GRACE)).text).toContain(':x: failed');
  await runFor(h, 1000);

  const mine = runs.book.add({ userId: 'usr_ada', mode: 'realtime', endpoint: 'audio' });
  const theirs = runs.book.add({ userId: 'usr_bob', mode: 'realtime', endpoint: 'audio' });
  await runFor(h, 2000);
  runs.book.error(mine.run_id, { closeCode: 1011 });
  runs.book.error(theirs.run_id, { closeCode: 1011 });
  await runFor(h, 5000);
  const adas = dmsTo(h.slack, ADA);
  expect(adas).toHaveLength(1);
  expect(JSON.stringify(adas[0]!.blocks)).toContain(mine.run_id.slice(0, 8));
  // Grace's rule has no `mine`: both runs' failures reach her.
  expect(dmsTo(h.slack, GRACE)).toHaveLength(2);

  expect((await reply(h, 'link off')).text).toContain('matches nothing until you link again');
});

test('a person the app cannot DM loses that DM alone; channel alerts go on', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, slackOptions: { users: PEOPLE } });
  await h.app.store.subscribe('CTEAM', ['failed'], null, ADA, h.clock.now());
  await reply(h, 'notify me failed');
  await runFor(h, 1000);
  h.slack.workspace.messagesTab = false;
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 2000);
  h.book.fail(job.job_id, 'Media too long');
  await runFor(h, 5000);
  expect(dmsTo(h.slack, ADA)).toHaveLength(0);
  expect(h.slack.messages.filter((m) => m.channel === 'CTEAM' && m.threadTs === null)).toHaveLength(1);
  expect(await h.app.store.givenUpAlerts(null)).toEqual([]);
  expect(h.logs.some((line) => line.includes('messages_tab_disabled') && line.includes('direct message given up'))).toBe(true);
  expect((await reply(h, 'notify me failed')).text).toContain('Nothing changed: you already get a DM for each job that is :x: failed.');
});

function createRunBookFor() {
  const clock = new TestClock();
  return { clock, book: createRunBook({ clock, seed: 12 }) };
}
