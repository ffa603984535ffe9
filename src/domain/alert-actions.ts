/**
 * What people did on an alert with its buttons: who took a job's trouble (*I'm on it*), and which
 * causes a channel muted (*Mute this cause 4h*). Domain types: the store keeps them, delivery and
 * the button handlers render alerts from them, messages show them.
 */

/** Someone took a job's alert in a channel: its message shows who, whatever state it shows next. */
export interface AlertClaim {
  channelId: string;
  jobId: string;
  userId: string;
  at: number;
}

/**
 * A channel's alerts of one cause held until `endsAt`, then summed up in one message (like a
 * snooze, for one cause). `cause` is the key alerts carry (alerts/alert-cause.ts).
 */
export interface Mute {
  channelId: string;
  cause: string;
  /** One message of the cause as Hume sent it (escape before showing), or "overdue". */
  example: string;
  createdBy: string | null;
  startedAt: number;
  endsAt: number;
}

/** What an alert message shows besides its job: rendered by delivery and by the buttons alike. */
export interface AlertActionState {
  claim: AlertClaim | null;
  mute: Mute | null;
}

export const NO_ACTIONS: AlertActionState = { claim: null, mute: null };
