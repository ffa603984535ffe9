/**
 * Subscriptions as code, tried as a team would: a channel declared in SUBSCRIPTIONS_FILE gets
 * alerts from the first poll cycle without anybody subscribing in chat; chat cannot change what
 * the file declares (one line, to the caller, saying where to change it) but may add other
 * filters; editing the file and reloading (SIGHUP, or the file watcher) adds and removes; a file
 * that became wrong is logged problem by problem and changes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFor, runUntil, startAppHarness, waitFor, type AppHarness } from '../../support/app-harness';

const FILED = 'C0FILECHAN1';
const OTHER = 'C0FILECHAN2';

let h: AppHarness | null = null;
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'subscriptions-file-'));
  path = join(dir, 'subscriptions.yml');
});
const closeLater: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  h = null;
  for (const close of closeLater.splice(0)) await close();
  rmSync(dir, { recursive: true, force: true });
});

const mainMessages = (channel: string) => h!.slack.messages.filter((m) => m.channel === channel && m.threadTs === null);

async function reply(text: string, channel = FILED): Promise<{ type: unknown; text: string }> {
  const { status, responseUrl } = await h!.command(text, { channel_id: channel });
  expect(status).toBe(200);
  const body = (await h!.responseTo(responseUrl)).body;
  return { type: body.response_type, text: JSON.stringify(body.blocks) };
}

const view = async () => (await h!.app.store.listSubscriptions(null)).map((s) => `${s.channelId} ${s.kinds.join(',')} ${s.managedBy ?? 'chat'}`);

test('a declared subscription gets alerts from the first cycle, and chat cannot change it', async () => {
  // A first run without the file sees a job running, then stops; the job fails while it is down.
  const first = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, dataDir: dir });
  const job = first.book.add({});
  first.book.start(job.job_id);
  await runFor(first, 3000);
  await first.app.stop();
  first.book.fail(job.job_id, 'Failed to download media from URL 42');

  writeFileSync(path, `channels:\n  ${FILED}:\n    subscriptions:\n      - statuses: [failed]\n    overdue: 45m\n`);
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s', SUBSCRIPTIONS_FILE: path }, dataDir: dir, clock: first.clock, book: first.book, hume: first.hume, slack: first.slack });
  closeLater.push(() => first.hume.close(), () => first.slack.close());
  // The restart's first cycle sees the failure: the declared channel hears about it, nobody subscribed in chat.
  await runUntil(h, () => mainMessages(FILED).length === 1, 'the failure alert in the declared channel', 60_000);

  const refused = await reply('unsubscribe');
  expect(refused.type).toBe('ephemeral');
  expect(refused.text).toContain('This subscription is managed by file (SUBSCRIPTIONS_FILE): change it there.');
  expect((await reply('subscribe failed completed')).text).toContain('managed by file (SUBSCRIPTIONS_FILE): change it there.');
  expect((await reply('overdue off')).text).toContain("This channel's overdue limit is managed by file");
  expect(await view()).toEqual([`${FILED} failed file`]);

  // Other filters are another subscription: chat may add it, and the list tells them apart.
  expect((await reply('subscribe completed model face')).type).toBe('in_channel');
  const listed = await reply('subscriptions');
  expect(listed.text).toContain('Managed by file (SUBSCRIPTIONS_FILE).');
  expect(listed.text).toMatch(/Set by <@U\w+>/);
  const changes = await h.app.store.settingChanges(FILED, 0, 10);
  expect(changes.changes.filter((c) => c.source === 'file').map((c) => [c.by, c.what.kind]).sort()).toEqual([
    ['SUBSCRIPTIONS_FILE', 'overdue'],
    ['SUBSCRIPTIONS_FILE', 'subscribe'],
  ]);
});

test('editing the file and reloading adds and removes; a wrong file changes nothing and is logged', async () => {
  writeFileSync(path, `channels:\n  ${FILED}:\n    subscriptions:\n      - statuses: [failed]\n`);
  h = await startAppHarness({ env: { SUBSCRIPTIONS_FILE: path }, overrides: { subscriptionsWatchMs: null } });
  await reply('subscribe completed', OTHER); // made in chat: the file never removes it
  writeFileSync(path, `channels:\n  ${OTHER}:\n    subscriptions:\n      - statuses: [failed]\n        model: face\n`);
  await h.app.reloadSubscriptions();
  expect(await view()).toEqual([`${OTHER} completed chat`, `${OTHER} failed file`]);

  writeFileSync(path, `channels:\n  ${OTHER}:\n    subscriptions:\n      - statuses: [faild]\n`);
  await h.app.reloadSubscriptions();
  expect(await view()).toEqual([`${OTHER} completed chat`, `${OTHER} failed file`]);
  expect(h.logs.filter((l) => l.includes('"level":50') && l.includes(`SUBSCRIPTIONS_FILE (${path}): channels.${OTHER}.subscriptions[1].statuses`))).toHaveLength(1);

  writeFileSync(path, '');
  await h.app.reloadSubscriptions();
  expect(await view()).toEqual([`${OTHER} completed chat`]);
});

test('the file is reconciled again when it changes on disk', async () => {
  writeFileSync(path, `channels:\n  ${FILED}:\n    subscriptions:\n      - statuses: [failed]\n`);
  h = await startAppHarness({ env: { SUBSCRIPTIONS_FILE: path }, overrides: { subscriptionsWatchMs: 20 } });
  writeFileSync(path, `channels:\n  ${FILED}:\n    subscriptions:\n      - statuses: [completed, failed]\n`);
  await waitFor(() => h!.logs.some((l) => l.includes('subscriptions file reconciled (file changed)')), 'the reconcile after the change');
  expect(await view()).toEqual([`${FILED} completed,failed file`]);
});

test('a declared digest is set from the file, read by the digest grammar, and chat cannot change it', async () => {
  writeFileSync(path, `channels:\n  ${FILED}:\n    subscriptions:\n      - statuses: [failed]\n    digest: { schedule: "weekly mon 9:30", timezone: Europe/Paris }\n`);
  h = await startAppHarness({ env: { SUBSCRIPTIONS_FILE: path }, overrides: { subscriptionsWatchMs: null } });
  expect(await h.app.store.listDigestSchedules(FILED)).toMatchObject([{ cadence: 'weekly', weekday: 1, minutes: 9 * 60 + 30, timeZone: 'Europe/Paris' }]);
  expect((await reply('digest off')).text).toContain("This channel's digest is managed by file (SUBSCRIPTIONS_FILE): change it there.");
  expect((await reply('digest daily 8:00')).type).toBe('ephemeral');
  // Looking is for everyone.
  expect((await reply('digest')).text).toMatch(/Monday|mon/i);
  expect(await h.app.store.listDigestSchedules(FILED)).toHaveLength(1);
});
