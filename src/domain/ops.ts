/**
 * The app's own health as people see it in Slack (OPS_CHANNEL, App Home): the problems that stop
 * it from doing its job, and the incident a channel was told about. Domain types: health/ finds
 * the problems, alerts/ops-incident.ts decides what to say, the store keeps the incidents,
 * messages/ops.ts words them.
 */

/** What a problem is about; its family says which part of the app can tell whether it lasts. */
export type OpsProblemKind = 'hume_key' | 'hume_retired' | 'polling' | 'channel' | 'delivery_late';

/**
 * Who can tell about a problem: Hume's answers (hume_key, hume_retired), the poll cycles
 * (polling), the outbox (channel, delivery_late). Just after a start, Hume and the poller have
 * not answered yet: what an incident said about them stands until they do.
 */
export type OpsFamily = 'hume' | 'polling' | 'delivery';

export const OPS_FAMILY: Record<OpsProblemKind, OpsFamily> = {
  hume_key: 'hume',
  hume_retired: 'hume',
  polling: 'polling',
  channel: 'delivery',
  delivery_late: 'delivery',
};

export interface OpsProblem {
  /** Stable identity (`hume_key`, `channel:C123`…): the same problem keeps its key while it lasts. */
  key: string;
  kind: OpsProblemKind;
  /** One line for people: Hume's sentence, Slack's error code, the poller's last error (untrusted text). */
  detail: string;
  /** When it started (Unix ms), as first seen. */
  since: number;
  /** The channel it is about (a channel that cannot be posted to, the channel whose alerts are late). */
  channelId?: string;
}

/** What the health snapshot says now: the problems, and the families it cannot tell about yet. */
export interface OpsObservation {
  at: number;
  problems: OpsProblem[];
  unknown: OpsFamily[];
}

/**
 * One channel's incident: the one message it was told (posted once, edited as it evolves) and,
 * once every problem has stayed away long enough, one recovery message. `target` '' is App Home's
 * record: the same decisions, no message.
 */
export interface OpsIncident {
  target: string;
  openedAt: number;
  /** What the message shows now (or will show, before it is posted). */
  problems: OpsProblem[];
  /** Changes queued to the channel: 0 while the problems are too new to be told, 1 once posted, +1 per edit and for the recovery. */
  version: number;
  /** When the message was last queued (post or edit). */
  editedAt: number;
  /** Since when every problem has been gone (null while any is there). */
  clearSince: number | null;
  /** When it ended (the recovery was queued, or a never-told incident was dropped); null while it lasts. */
  resolvedAt: number | null;
}

/** The incident's name in the outbox and in message_refs (the message it keeps editing). */
export function incidentKey(incident: Pick<OpsIncident, 'target' | 'openedAt'>): string {
  return `ops:${incident.target}:${incident.openedAt}`;
}

/** Every outbox row about the app's own health has a dedupe key starting with this. */
export const OPS_KEY_PREFIX = 'ops:';
