/**
 * Subscriptions as code: what a SUBSCRIPTIONS_FILE declares, brought into the store, and what chat
 * asks before changing a setting (a setting the file holds is changed only in the file).
 */
import type { DeclaredChannel } from '../../config/subscriptions-file';

/** A channel's own setting the file holds: its overdue limit; that it has a board ('board') or none ('no-board'); its digest. */
export type ManagedSetting = 'overdue' | 'board' | 'no-board' | 'digest';

/** How many of the channel settings a reconcile changed (0 in all: the store already matched the file). */
export interface ReconcileReport {
  added: number;
  changed: number;
  removed: number;
  overdue: number;
  /** Digest schedules set, replaced or ended. */
  digests: number;
}

export interface DeclaredSettingsStore {
  /**
   * Makes the store match the file, in ONE transaction: each declared subscription (found by its
   * filters) gets exactly its kinds and mention and is marked managed; managed subscriptions the
   * file no longer declares go, in every channel (those made in chat stay); a declared overdue
   * limit is set, and a declared digest schedule (or its absence, `off`). Each change is recorded in the change log from `by` (source 'file'); nothing is
   * recorded when nothing changed, so replicas reconciling the same file record each change once.
   */
  reconcileDeclared(channels: DeclaredChannel[], at: number, by: string): Promise<ReconcileReport>;
  /** The channel's settings the file holds. */
  managedSettings(channelId: string): Promise<ManagedSetting[]>;
}
