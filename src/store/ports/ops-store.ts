/**
 * The app's own health as told in Slack: each channel's last incident (domain/ops.ts), which only
 * the active replica's ops watcher writes, through fenced writes; App Home reads App Home's own
 * record ('') on any replica. Also what the watcher reads of the outbox to know whether alerts
 * are late.
 */
import type { NewOutboxRow } from '../../domain/outbox';
import type { OpsIncident } from '../../domain/ops';

/** The oldest alert waiting for no reason already told (not held by a snooze, not in a channel that cannot be posted to). */
export interface OldestUndelivered {
  channelId: string;
  createdAt: number;
}

export interface OpsStore {
  /** Every channel's last incident (ended or not), and App Home's (target ''). */
  opsIncidents(): Promise<OpsIncident[]>;
  /**
   * In one transaction: the incident as it now stands (replacing its channel's last one), and
   * the outbox row that tells it, if any (a row whose dedupe key exists already is skipped).
   */
  saveOpsIncident(incident: OpsIncident, message: NewOutboxRow | null): Promise<void>;
  oldestUndelivered(): Promise<OldestUndelivered | null>;
}
