/**
 * Entry point: read settings, build the app, run until a signal. The only module that touches
 * process.env, .env and signals.
 */
import 'dotenv/config';
import { createHumeJobsApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { installShutdown } from './runtime/shutdown';
import { describeStartFailure, startChecked } from './runtime/start-failure';

async function main(): Promise<void> {
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
  const logger = createLogger(config.logLevel);
  const app = await createHumeJobsApp(config, logger);

  installShutdown(app, logger);

  try {
    await startChecked(app, config, logger);
  } catch (error) {
    // One line a person can act on (service, address, what to check), never a stack trace.
    process.stderr.write(`${describeStartFailure(error, config)}\n`);
    process.exit(1);
  }
}

void main();
