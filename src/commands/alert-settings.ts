/**
 * Which commands change what a channel hears: the ones `ADMINS` limits (the command listener
 * asks this once, before answering). Looking is never limited: lists, `subscriptions`, `snooze`
 * and `overdue` alone, `changes`.
 *
 * Exhaustive on purpose: a new command kind does not compile until it is classified here. A
 * command that changes a channel's alert settings returns true (and records its change: see
 * ARCHITECTURE.md, "Alert settings: who may, who did"); a personal one (a DM to the caller about
 * a job) changes nothing anybody else hears and returns false.
 */
import type { Command } from './command';

export function changesAlertSettings(cmd: Command): boolean {
  switch (cmd.kind) {
    case 'subscribe':
    case 'unsubscribe':
    case 'board':
    case 'unmute':
      return true;
    case 'snooze':
      return cmd.action !== 'show';
    case 'overdue':
      return cmd.set !== null;
    // Looking, and the personal ones (watch, unwatch, notify, link: a DM to the caller changes nothing anybody else hears).
    case 'list':
    case 'job':
    case 'help':
    case 'summary':
    case 'subscriptions':
    case 'changes':
    case 'watch':
    case 'unwatch':
    case 'notify':
    case 'link':
      return false;
  }
}
