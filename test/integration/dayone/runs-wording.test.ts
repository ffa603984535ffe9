/**
 * The runs source speaks of runs, tried through the whole app: a list that matches nothing names
 * the filters ("No runs for user `nobody`"), and `sort started` is refused with what works.
 */
import { createRunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { TestClock } from '../../support/hume';
import { wholeAppPerTest } from '../../support/whole-app';

const startApp = wholeAppPerTest();

async function runsApp() {
  const clock = new TestClock();
  const book = createRunBook({ clock, seed: 3 });
  book.end(book.add({ startedAt: clock.now() - 60_000, mode: 'file', userId: 'usr_7Hq2' }).run_id, { at: clock.now() - 55_000 });
  return (await startApp({ clock, simulator: { routes: [createRunsApi({ book })] }, env: { HUME_SOURCE: 'runs' } })).app;
}

test('a list that matches nothing names its filters, in runs', async () => {
  const h = await runsApp();
  const { responseUrl } = await h.command('user nobody');
  const text = JSON.stringify((await h.responseTo(responseUrl)).body);
  expect(text).toContain('No runs for user `nobody`.');
  expect(text).toContain('Recent runs, user nobody');
  expect(text).not.toMatch(/Hume has no|no jobs/i);
});

test('`sort started` is refused with what runs can do instead', async () => {
  const h = await runsApp();
  const ack = await h.command('sort started');
  expect(ack.body).toMatch(/cannot sort/);
  expect(ack.body).toMatch(/`since` and `before` choose the start times shown/);
});

test('`subscribe queued` is refused on runs, which have no queue, and subscribes nothing', async () => {
  const h = await runsApp();
  const { responseUrl } = await h.command('subscribe queued');
  const body = (await h.responseTo(responseUrl)).body;
  expect(body.response_type).toBe('ephemeral');
  expect(JSON.stringify(body.blocks)).toContain('`queued` does not apply to runs: runs have no queue');
  expect(await h.app.store.listSubscriptions(null)).toEqual([]);
});
