/**
 * The change log of channels' alert settings: who changed what, when, from where. `changes`,
 * `subscriptions` and App Home read it. It is written by the settings writes themselves
 * (ChannelSettings, BoardStore: each takes the change's `ChangeAuthor`), in the same transaction
 * as the change, so a change is never made without its record nor recorded without being made.
 * Retention keeps a year of it.
 */
import type { NewSettingChange, SettingChange } from '../../domain/setting-change';

/** Newest first, and how many more matched than the page holds. */
export interface SettingChangesPage {
  changes: SettingChange[];
  more: number;
}

export interface SettingChangeLog {
  /** Changes made at or after `since` in one channel (or every channel, null), newest first: up to `limit`. */
  settingChanges(channelId: string | null, since: number, limit: number): Promise<SettingChangesPage>;
  /** The latest change of one channel, or of each subscribed channel when `channelId` is null. */
  latestSettingChanges(channelId: string | null): Promise<SettingChange[]>;
  /**
   * Records a change on its own. For a change the store cannot make in the same transaction
   * (one made in Slack, like a board message deleted): settings writes record their own.
   */
  recordSettingChange(change: NewSettingChange): Promise<void>;
}
