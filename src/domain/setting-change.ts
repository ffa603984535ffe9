/**
 * A change to one channel's alert settings, as the change log keeps it: who made it, when, from
 * where, and what it was. Settings belong to the channel, not to the person who set them: the log
 * only says who did what, nothing depends on that person still being there.
 *
 * `what` is structured, not text: a mention is kept as its ID and described in words when shown
 * (a list of changes must never ping), and a time is shown in each reader's own zone.
 */
import type { StatusKind } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';
import type { Subscription } from './channel';

/** Where a change came from: a person in Slack, or configuration (ALERT_CHANNEL, a subscriptions file). */
export type SettingChangeSource = 'chat' | 'file';

/** Who is changing a setting. */
export interface ChangeAuthor {
  /** A Slack user ID for changes from chat; the setting's name (`ALERT_CHANNEL`) or null for configuration. */
  by: string | null;
  source: SettingChangeSource;
}

/** When and by whom: what every settings write of the store takes (optionally) to record its change. */
export interface ChangeStamp {
  at: number;
  author: ChangeAuthor;
}

export type SettingChangeWhat =
  /** Alerts turned on or added; `mention` is the one set by this change (null: unchanged). */
  | { kind: 'subscribe'; added: StatusKind[]; mention: string | null; kinds: StatusKind[]; match?: JobMatch }
  /** Alerts stopped; `kinds` is what the subscription has left (none: it is gone). */
  | { kind: 'unsubscribe'; removed: StatusKind[]; kinds: StatusKind[]; match?: JobMatch }
  | { kind: 'snooze'; until: number }
  | { kind: 'snooze-off' }
  | { kind: 'board'; on: boolean }
  /** The channel's overdue limit: ms, 0 for off, null for the learnt rule. */
  | { kind: 'overdue'; overdueMs: number | null }
  /** A failure cause held from alert buttons (*Mute this cause 4h*) until `until`; `cause` as people read it (the mute's example). */
  | { kind: 'mute'; cause: string; until: number }
  /** A mute ended by a person (`unmute`); a mute running out is the app's own, not recorded. */
  | { kind: 'unmute'; cause: string }
  /** Written by a newer version of the app, read by this one: shown by its name only. */
  | { kind: 'unknown'; name: string };

export interface SettingChange extends ChangeAuthor {
  id: number;
  channelId: string;
  at: number;
  what: SettingChangeWhat;
}

export type NewSettingChange = Omit<SettingChange, 'id'>;

/** The change a settings write records, with its author and time. */
export function settingChange(channelId: string, stamp: ChangeStamp, what: SettingChangeWhat): NewSettingChange {
  return { channelId, at: stamp.at, by: stamp.author.by, source: stamp.author.source, what };
}

/** What `subscribe` changed, from the subscription before (null: none) and after; null when nothing did. */
export function subscribeChange(before: Subscription | null, after: Subscription): SettingChangeWhat | null {
  const added = after.kinds.filter((k) => !(before?.kinds ?? []).includes(k));
  const mention = after.mention !== (before?.mention ?? null) ? after.mention : null;
  if (before !== null && added.length === 0 && mention === null) return null;
  return { kind: 'subscribe', added, mention, kinds: after.kinds, match: after.match };
}
