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
/**
 * An error marked `outage` (the store's StoreUnavailableError) has been reported once, as a state
 * change, by its owner: what fails because of it is logged at debug, and without a stack, so an
 * outage is one line when it starts and one when it ends, not a stack trace a second.
 */
function isOutage(value: unknown): boolean {
  return value instanceof Error && (value as { outage?: unknown }).outage === true;
}

const serializeErr = (error: unknown): unknown => (isOutage(error) ? { type: (error as Error).name, message: (error as Error).message } : pino.stdSerializers.err(error as Error));

export function createLogger(level: LogLevel, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: { app: 'hume-jobs' },
      serializers: { err: serializeErr },
      hooks: {
        logMethod(args, method, levelValue) {
          const first: unknown = args[0];
          const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (levelValue > 20 && isOutage(err)) {
            this.debug(...(args as [object, string]));
            return;
          }
          method.apply(this, args);
        },
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
