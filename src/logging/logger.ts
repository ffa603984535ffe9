/**
 * Structured JSON logs (pino). Secrets are redacted by key name as a second line of defence:
 * the first is that no module puts a token or key into a log field or an error message.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/config';
import { stdoutDestination } from './stdout-destination';

export type Logger = PinoLogger;

const REDACTED_PATHS = [
  'apiKey',
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  '*.apiKey',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers["x-hume-api-key"]',
  '*.headers["x-hume-api-key"]',
  'headers.authorization',
  '*.headers.authorization',
];

/** Without a destination, logs go to stdout without ever blocking the process (see stdout-destination). */
export function createLogger(level: LogLevel, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: { app: 'hume-jobs' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
