/** What every listener may use. Built once in the composition root and passed down. */
import type { Clock } from '../../clock';
import type { Logger } from '../../logging/logger';
import type { JobSource } from '../../sources/source';
import type { Store } from '../../store/store';
import type { AlertAccess } from '../access/alert-access';
import type { HomePublisher } from '../home/home-publisher';

export interface ListenerDeps {
  source: JobSource;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Upper bound for one command's Hume work, so a reply always comes (ms). */
  commandDeadlineMs: number;
  /** False when POLL_INTERVAL=off: nothing records jobs, so there is no board to keep. */
  polling: boolean;
  /** Who may change alert settings (`ADMINS`): every listener that changes them asks it first. */
  access: AlertAccess;
  /** Publishes the App Home tab (built with the app: it needs the Slack client). */
  home?: HomePublisher;
  /** Told how long each answered command took (metrics). */
  onCommandAnswered?: (kind: string, ms: number) => void;
}

/** An AbortSignal that fires after the command deadline, measured on the injected clock. */
export function deadlineSignal(deps: ListenerDeps): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const stop = new AbortController();
  deps.clock.sleep(deps.commandDeadlineMs, stop.signal).then(
    () => controller.abort(new Error('command deadline passed')),
    () => undefined,
  );
  return { signal: controller.signal, done: () => stop.abort() };
}
