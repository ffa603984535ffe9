/** Bolt wants its own Logger shape; this routes Bolt's and the Web API client's logs into pino. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from './logger';

const TO_PINO: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

export function toBoltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: 'slack' });
  const join = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(join(msg)),
    info: (...msg: unknown[]) => child.info(join(msg)),
    warn: (...msg: unknown[]) => child.warn(join(msg)),
    error: (...msg: unknown[]) => child.error(join(msg)),
    setLevel: (level: LogLevel) => {
      child.level = TO_PINO[level];
    },
    getLevel: () => (Object.entries(TO_PINO).find(([, v]) => v === child.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
