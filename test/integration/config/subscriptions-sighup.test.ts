/**
 * SIGHUP, on the real process (src/index.ts): the file is read again and reconciled; a file that
 * became wrong is logged at error level, problem by problem, and the process keeps running.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../support/app-harness';
import { realAppWorldPerTest, startRealApp } from '../../support/real-app';

const run = realAppWorldPerTest();
const CHANNEL = 'C0FILECHAN1';

test('SIGHUP reloads SUBSCRIPTIONS_FILE; a wrong one is logged and the app carries on', async () => {
  const path = join(run.world.dataDir, 'subscriptions.yml');
  writeFileSync(path, `channels:\n  ${CHANNEL}:\n    subscriptions:\n      - statuses: [failed]\n`);
  const app = await startRealApp(run.world.env({ POLL_INTERVAL: 'off', SUBSCRIPTIONS_FILE: path }));
  run.children.push(app);
  const said = (text: string) => app.output.join('').split('\n').filter((l) => l.includes(text));
  expect(said('subscriptions file reconciled (start)')).toHaveLength(1);

  writeFileSync(path, `channels:\n  ${CHANNEL}:\n    subscriptions:\n      - statuses: [faild]\n`);
  app.process.kill('SIGHUP');
  // (The file watcher may see the change too: what it logs is the same.)
  await waitFor(() => said('the last good one stays in force').length > 0, 'the refusal of the wrong file');
  const problem = said(`SUBSCRIPTIONS_FILE (${path}): channels.${CHANNEL}.subscriptions[1].statuses`);
  expect(problem.length).toBeGreaterThan(0);
  expect(problem.every((l) => l.includes('"level":50'))).toBe(true);

  writeFileSync(path, `channels:\n  ${CHANNEL}:\n    subscriptions:\n      - statuses: [completed, failed]\n`);
  app.process.kill('SIGHUP');
  await waitFor(() => said('subscriptions file reconciled (reload)').length === 1, 'the reconcile on SIGHUP');
  expect(said('subscriptions file reconciled (').filter((l) => l.includes('"changed":1'))).toHaveLength(1);
  expect(app.process.exitCode).toBeNull();
});
