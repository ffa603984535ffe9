/**
 * The channel board, tried as a user would: `/hume-jobs board` posts one message that follows
 * 100 status changes with at most one edit per 30 seconds, keeps following them after the app
 * restarts (pace included), is not edited when nothing changed, and `board off` stops it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackCall, type SlackStandIn, type StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TEST_API_KEY, TestClock } from '../../support/hume';

const HERE = 'C0LIST';
const GAP_MS = 30_000;

let clock: TestClock;
let book: JobBook;
let hume: HumeSimulator;
let slack: SlackStandIn;
let dataDir: string;
let h: AppHarness | null = null;

beforeEach(async () => {
  clock = new TestClock();
  book = createJobBook({ clock, seed: 11 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now() });
  dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-board-'));
});

afterEach(async () => {
  await h?.close();
  h = null;
  await hume.close();
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The app as production runs it, on the shared stand-ins and database folder (so it can restart). */
async function startApp(): Promise<AppHarness> {
  const harness = await startAppHarness({ clock, book, hume, slack, dataDir, env: { POLL_INTERVAL: '1s' } });
  await runFor(harness, 1000);
  return harness;
}

async function postBoard(harness: AppHarness, text = 'board'): Promise<StoredMessage> {
  const before = slack.messages.length;
  const { responseUrl } = await harness.command(text);
  const reply = await harness.responseTo(responseUrl);
  expect(reply.body.response_type).toBe('ephemeral');
  expect(JSON.stringify(reply.body.blocks)).toContain('Board posted');
  const board = slack.messages[before];
  expect(board).toMatchObject({ channel: HERE, threadTs: null });
  return board!;
}

const boardEdits = (ts: string): SlackCall[] => slack.callsTo('chat.update').filter((c) => c.args.ts === ts);

function expectPaced(edits: SlackCall[]): void {
  for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(GAP_MS);
}

/** 34 jobs, each seen queued, then running, then finished: 102 status changes, one every 2 s. */
async function makeChanges(harness: AppHarness, jobs: number): Promise<{ completed: number; failed: number }> {
  const ids: string[] = [];
  let completed = 0;
  let failed = 0;
  for (let i = 0; i < jobs * 3; i++) {
    const job = Math.floor(i / 3);
    if (i % 3 === 0) ids.push(book.add({}).job_id);
    else if (i % 3 === 1) book.start(ids[job]!);
    else if (job % 4 === 3) {
      book.fail(ids[job]!, `Failed to download media from URL ${job}`);
      failed += 1;
    } else {
      book.complete(ids[job]!);
      completed += 1;
    }
    await runFor(harness, 2000);
  }
  return { completed, failed };
}

test('a board follows 100 changes at most once per 30 s, and keeps doing so after a restart', async () => {
  h = await startApp();
  const board = await postBoard(h);
  expect(board.text).toMatch(/^Hume jobs: live board: 0 queued, 0 running/);

  const { completed, failed } = await makeChanges(h, 34);
  await runFor(h, GAP_MS + 5000);
  const edits = boardEdits(board.ts);
  // ~240 s of fake time with changes all along: at most 8 edits 30 s apart (7 here on an idle
  // machine; fewer only if real I/O lags the fake clock), and the last one shows the end state.
  expect(edits.length).toBeGreaterThanOrEqual(4);
  expect(edits.length).toBeLessThanOrEqual(8);
  expectPaced(edits);
  const shown = JSON.stringify(board.blocks);
  expect(shown).toContain(`*Last hour:* 34 jobs · :hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: ${completed} completed · :x: ${failed} failed`);
  expect(shown).toContain('nothing is waiting');
  expect(shown).toMatch(/Failures by cause/);
  expect(validateMessage({ text: board.text, blocks: board.blocks })).toEqual([]);

  // Nothing changes: no edit, however long.
  const settled = edits.length;
  await runFor(h, 120_000);
  expect(boardEdits(board.ts)).toHaveLength(settled);

  // Restart on the same database: the board is still kept, at the same pace.
  await h.close();
  h = await startApp();
  const lastBefore = boardEdits(board.ts).at(-1)!.at;
  book.complete(book.add({}).job_id);
  await runUntil(h, () => boardEdits(board.ts).length > settled, 'an edit after the restart', 2 * GAP_MS);
  expectPaced(boardEdits(board.ts));
  expect(boardEdits(board.ts).at(-1)!.at - lastBefore).toBeGreaterThanOrEqual(GAP_MS);
  expect(JSON.stringify(board.blocks)).toContain(`*Last hour:* 35 jobs`);
  expect(JSON.stringify(board.blocks)).toContain(`${completed + 1} completed`);
});

test('a new board replaces the old one, and board off stops it', async () => {
  h = await startApp();
  const first = await postBoard(h);
  const second = await postBoard(h);
  expect(second.ts).not.toBe(first.ts);
  expect(JSON.stringify(first.blocks)).toContain('This board moved to a newer message below.');

  const { responseUrl } = await h.command('board off');
  expect(JSON.stringify((await h.responseTo(responseUrl)).body.blocks)).toContain('The board in this channel is stopped');
  expect(JSON.stringify(second.blocks)).toContain('This board was stopped by <@U0USER>.');
  const editsAfterStop = slack.callsTo('chat.update').length;
  book.complete(book.add({}).job_id);
  await runFor(h, GAP_MS * 2);
  expect(slack.callsTo('chat.update')).toHaveLength(editsAfterStop);

  const again = await h.command('board off');
  expect(JSON.stringify((await h.responseTo(again.responseUrl)).body.blocks)).toContain('There is no board in this channel');
});

test('a channel the app cannot post in gets told why, and no board is recorded', async () => {
  await slack.close();
  slack = await startSlackStandIn({ now: () => clock.now(), channelErrors: { [HERE]: 'not_in_channel' } });
  h = await startApp();
  const { responseUrl } = await h.command('board');
  const reply = JSON.stringify((await h.responseTo(responseUrl)).body.blocks);
  expect(reply).toContain('so no board was posted');
  expect(reply).toContain('/invite @hume-jobs');
  expect(await h.app.store.listBoards()).toEqual([]);
});
