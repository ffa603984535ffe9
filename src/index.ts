/**
 * Entry point: read settings, build the app, run until a signal. The only module that touches
 * process.env, .env and signals.
 */
import 'dotenv/config';
import { createHumeJobsApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { stdoutDestination } from './logging/stdout-destination';
import { installShutdown } from './runtime/shutdown';
import { describeStartFailure, startChecked } from './runtime/start-failure';
import { StoreUnavailableError } from './store/availability';

async function main(): Promise<void> {
  // A reader that went away must not crash the app through an unhandled 'error' (EPIPE).
  process.stderr.on('error', () => undefined);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logs = stdoutDestination();
  const logger = createLogger(config.logLevel, logs);
  let app;
  try {
    app = await createHumeJobsApp(config, logger);
  } catch (error) {
    // A database that cannot be used is a setting to fix: one line, like a wrong setting.
    if (error instanceof StoreUnavailableError) {
      process.stderr.write(`hume-jobs cannot start: ${error.reason}\n`);
      await logs.flush(500);
      process.exit(1);
    }
    throw error;
  }

  installShutdown(app, logger, undefined, { flushLogs: (ms) => logs.flush(ms) });
  // SIGHUP: read SUBSCRIPTIONS_FILE again (a wrong file is logged; the last good one stays).
  const running = app;
  process.on('SIGHUP', () => void running.reloadSubscriptions());

  try {
    await startChecked(app, config, logger);
  } catch (error) {
    // One line a person can act on (service, address, what to check), never a stack trace.
    process.stderr.write(`${describeStartFailure(error, config)}\n`);
    await logs.flush(500);
    process.exit(1);
  }
}

void main();
