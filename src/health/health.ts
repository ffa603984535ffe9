/**
 * What `/healthz` reports (200 `ok` when the app can serve, 503 with the reason when it cannot). Components record their state here as they run; the route
 * only reads it, so a health check never waits on Hume or Slack.
 */
import type { SourceName } from '../jobs/job';

/** `rate_limited` and `unavailable` are passing (200, the reason shown); `unauthorized` and `retired` need someone (503). */
export type HumeState = 'ok' | 'unknown' | 'unauthorized' | 'retired' | 'unavailable' | 'rate_limited';

export interface HumeHealth {
  state: HumeState;
  /** A sentence for operators when the state is not ok. */
  message: string | null;
  /** Unix ms of the last answer from Hume that was not a failure. */
  lastSuccessAt: number | null;
}

/** Slack as delivery last found it: `token_rejected` while every call is refused (alerts wait). */
export interface SlackHealth {
  state: 'ok' | 'unknown' | 'token_rejected';
  /** Slack's error code while rejected (`token_revoked`, `invalid_auth`, `account_inactive`…). */
  error: string | null;
  /** Unix ms of the next delivery attempt while rejected. */
  nextTryAt: number | null;
}

export interface PollerHealth {
  state: string;
  [key: string]: unknown;
}

export interface LeaderHealth {
  role: 'leader' | 'standby' | 'off';
  holder: string | null;
}

/** The database, as the app's own calls and /healthz's probe last found it. */
export interface StoreHealth {
  state: 'ok' | 'unavailable';
  /** What is wrong, for operators, when unavailable. */
  reason?: string;
  /** Since when (ISO time), when unavailable. */
  since?: string;
}

/**
 * Delivery as the active replica's ops watcher last read it from the store (health/ops-watcher.ts):
 * channels the app cannot post to, and the oldest alert still waiting. Absent on a standby.
 */
export interface DeliveryHealth {
  /** Channels whose alerts wait until someone fixes them (Slack's error, since when: ISO time). */
  channelProblems: { channel: string; error: string; since: string }[];
  /** When the oldest undelivered alert was queued (ISO time; snoozes and problem channels apart), or null. */
  oldestUndeliveredAt: string | null;
  /** Its channel, or null. */
  oldestUndeliveredChannel: string | null;
}

/** Who saw the store's state: the app's own calls (an outage) or /healthz's probe (the file checks too). */
export type StoreWitness = 'calls' | 'probe';

export interface HealthReport {
  httpStatus: 200 | 503;
  body: {
    status: 'ok' | 'unavailable';
    source: SourceName;
    reason?: string;
    store: StoreHealth;
    hume: HumeHealth;
    slack: SlackHealth;
    poller: PollerHealth;
    leader: LeaderHealth;
    delivery?: DeliveryHealth;
  };
}

export interface Health {
  recordHumeSuccess(at: number): void;
  recordHumeProblem(state: Exclude<HumeState, 'ok' | 'unknown'>, message: string): void;
  /** A Slack call succeeded: the token works. */
  recordSlackSuccess(): void;
  /** Slack refused the token; alerts wait until `nextTryAt`. */
  recordSlackTokenRejected(error: string, nextTryAt: number): void;
  setPoller(poller: PollerHealth): void;
  /** A component that can stop the app from serving (e.g. the store) reports here; null clears it. */
  setBlocker(name: string, reason: string | null): void;
  /** What `witness` last found wrong with the store (null: nothing); either one makes it unavailable. */
  setStore(witness: StoreWitness, problem: { reason: string; since: number } | null): void;
  /** What the ops watcher last read of delivery (null: nothing known, e.g. on a standby). */
  setDelivery(delivery: DeliveryHealth | null): void;
  /** Reads the leader state at report time. */
  setLeaderSource(read: () => LeaderHealth): void;
  report(): HealthReport;
}

export function createHealth(source: SourceName): Health {
  const hume: HumeHealth = { state: 'unknown', message: null, lastSuccessAt: null };
  const slack: SlackHealth = { state: 'unknown', error: null, nextTryAt: null };
  let poller: PollerHealth = { state: 'off' };
  const blockers = new Map<string, string>();
  const storeProblems = new Map<StoreWitness, { reason: string; since: number }>();
  let readLeader: () => LeaderHealth = () => ({ role: 'off', holder: null });
  let delivery: DeliveryHealth | null = null;

  return {
    recordHumeSuccess(at) {
      hume.state = 'ok';
      hume.message = null;
      hume.lastSuccessAt = at;
    },
    recordHumeProblem(state, message) {
      hume.state = state;
      hume.message = message;
    },
    recordSlackSuccess() {
      Object.assign(slack, { state: 'ok', error: null, nextTryAt: null });
    },
    recordSlackTokenRejected(error, nextTryAt) {
      Object.assign(slack, { state: 'token_rejected', error, nextTryAt });
    },
    setPoller(next) {
      poller = next;
    },
    setBlocker(name, reason) {
      if (reason === null) blockers.delete(name);
      else blockers.set(name, reason);
    },
    setStore(witness, problem) {
      if (problem === null) storeProblems.delete(witness);
      else if (storeProblems.get(witness)?.reason !== problem.reason) storeProblems.set(witness, problem);
    },
    setDelivery(next) {
      delivery = next;
    },
    setLeaderSource(read) {
      readLeader = read;
    },
    report() {
      // A retired API or a rejected key won't heal by waiting: the app cannot serve until someone acts.
      const storeProblem = storeProblems.get('calls') ?? storeProblems.get('probe') ?? null;
      const reasons = [...(storeProblem ? [`The store is unavailable: ${storeProblem.reason}`] : []), ...blockers.values()];
      if (hume.state === 'retired' || hume.state === 'unauthorized') reasons.push(hume.message ?? hume.state);
      // A refused token won't heal by waiting either: no alert can be posted until someone acts.
      if (slack.state === 'token_rejected') {
        const next = slack.nextTryAt === null ? '' : `; next try at ${new Date(slack.nextTryAt).toISOString()}`;
        reasons.push(`slack token rejected (${slack.error ?? 'unknown'}): alerts wait${next}.`);
      }
      const ok = reasons.length === 0;
      return {
        httpStatus: ok ? 200 : 503,
        body: {
          status: ok ? 'ok' : 'unavailable',
          source,
          ...(ok ? {} : { reason: reasons.join(' ') }),
          store: storeProblem ? { state: 'unavailable', reason: storeProblem.reason, since: new Date(storeProblem.since).toISOString() } : { state: 'ok' },
          hume: { ...hume },
          slack: { ...slack },
          poller: { ...poller },
          leader: readLeader(),
          ...(delivery ? { delivery: { ...delivery, channelProblems: [...delivery.channelProblems] } } : {}),
        },
      };
    },
  };
}
