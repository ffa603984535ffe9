/**
 * Waits for what the app sends back to the person at the prompt: the post to a command's
 * `response_url`, or the modal a click opened. A waiter is registered before the request is
 * sent, because the reply can reach the Slack stand-in before the ack reaches us.
 */
import type { SlackEvent } from '../simulator/slack-server';

export interface Waiting<T> {
  /** The first matching event's value, or null when none came in time. */
  result: Promise<T | null>;
  cancel(): void;
}

export interface Inbox {
  push(event: SlackEvent): void;
  expect<T>(pick: (event: SlackEvent) => T | undefined, timeoutMs: number): Waiting<T>;
}

export function createInbox(): Inbox {
  const waiters = new Set<(event: SlackEvent) => boolean>();
  return {
    push(event) {
      for (const waiter of [...waiters]) if (waiter(event)) waiters.delete(waiter);
    },
    expect<T>(pick: (event: SlackEvent) => T | undefined, timeoutMs: number): Waiting<T> {
      let settle: (value: T | null) => void = () => undefined;
      const result = new Promise<T | null>((resolve) => (settle = resolve));
      const timer = setTimeout(() => finish(null), timeoutMs);
      const waiter = (event: SlackEvent): boolean => {
        const value = pick(event);
        if (value === undefined) return false;
        finish(value);
        return true;
      };
      function finish(value: T | null): void {
        clearTimeout(timer);
        waiters.delete(waiter);
        settle(value);
      }
      waiters.add(waiter);
      return { result, cancel: () => finish(null) };
    },
  };
}
