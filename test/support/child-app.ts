/**
 * The app in a process of its own, as production starts it but with Slack's per-channel pace
 * shortened (CHILD_CHANNEL_GAP_MS), so crash tests can SIGKILL it mid-burst and restart it.
 * Run with `node --import tsx test/support/child-app.ts`.
 */
import { createHumeJobsApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { installShutdown } from '../../src/runtime/shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await createHumeJobsApp(config, logger, {
    channelGapMs: Number(process.env.CHILD_CHANNEL_GAP_MS ?? 1000),
    owner: process.env.CHILD_OWNER,
  });
  installShutdown(app, logger);
  await app.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
