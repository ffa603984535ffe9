/**
 * What to tell about the app's own health, as pure functions: given what the health snapshot
 * says now (domain/ops.ts `OpsObservation`) and what each channel was last told (its stored
 * `OpsIncident`), the incident to store and the one message to queue, if any.
 *
 * Hysteresis, so a flapping problem cannot spam:
 * - a problem is told once it has been there for `openAfterMs` (30 s) since it was first seen,
 *   counting from the first sighting even if it blinked out meanwhile;
 * - an incident ends only once every one of its problems has stayed away for `calmMs` (3 min);
 *   a problem that comes back before that keeps the same incident and the same message. So bad,
 *   ok, bad within a minute is one message and no recovery; a recovery is followed by a new
 *   incident only for a problem that came back after three quiet minutes;
 * - while an incident lasts, its message is edited when what it lists changes, at most once per
 *   `editGapMs` (1 min);
 * - a family the snapshot cannot tell about yet (Hume and the poller just after a start or a
 *   hand-over) keeps what the incident said about it: a restart is neither a recovery nor news.
 */
import { incidentKey, OPS_FAMILY, type OpsFamily, type OpsIncident, type OpsObservation, type OpsProblem } from '../domain/ops';
import type { NewOutboxRow } from '../domain/outbox';

export interface OpsTiming {
  openAfterMs: number;
  calmMs: number;
  editGapMs: number;
}

export const OPS_TIMING: OpsTiming = { openAfterMs: 30_000, calmMs: 180_000, editGapMs: 60_000 };

/** What one channel's incident becomes: `next` to store (null: unchanged) and the message to queue. */
export interface IncidentStep {
  next: OpsIncident | null;
  message: 'open' | 'edit' | 'resolve' | null;
}

const NOTHING: IncidentStep = { next: null, message: null };

/** The same list whatever order problems were found in; what a message shows, apart from times. */
export function problemsFingerprint(problems: readonly OpsProblem[]): string {
  return JSON.stringify([...problems].sort(byKey).map((p) => [p.key, p.detail, p.channelId ?? null]));
}

function byKey(a: OpsProblem, b: OpsProblem): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The problems that stand now: those seen, each keeping when it was first seen, plus what the
 * incident said about families the snapshot cannot tell about yet.
 */
function standing(stored: OpsIncident | null, seen: readonly OpsProblem[], unknown: readonly OpsFamily[]): OpsProblem[] {
  const before = new Map((stored?.problems ?? []).map((p) => [p.key, p]));
  const now = seen.map((p) => ({ ...p, since: Math.min(p.since, before.get(p.key)?.since ?? p.since) }));
  const seenKeys = new Set(seen.map((p) => p.key));
  const carried = (stored?.problems ?? []).filter((p) => !seenKeys.has(p.key) && unknown.includes(OPS_FAMILY[p.kind]));
  return [...now, ...carried].sort(byKey);
}

/** One channel's step: `stored` is its last incident (resolved or not), `seen` what concerns it now (opsTargets). */
export function stepIncident(
  target: string,
  stored: OpsIncident | null,
  seen: readonly OpsProblem[],
  unknown: readonly OpsFamily[],
  now: number,
  timing: OpsTiming = OPS_TIMING,
): IncidentStep {
  const open = stored && stored.resolvedAt === null ? stored : null;
  const problems = standing(open, seen, unknown);
  if (!open) {
    if (problems.length === 0) return NOTHING;
    const fresh: OpsIncident = { target, openedAt: now, problems, version: 0, editedAt: now, clearSince: null, resolvedAt: null };
    return timing.openAfterMs <= 0 ? { next: { ...fresh, version: 1 }, message: 'open' } : { next: fresh, message: null };
  }
  if (problems.length === 0) {
    const clearSince = open.clearSince ?? now;
    if (now - clearSince >= timing.calmMs) {
      // Told: the recovery is one more version. Never told: it ends without a word.
      return open.version > 0
        ? { next: { ...open, clearSince, resolvedAt: now, version: open.version + 1, editedAt: now }, message: 'resolve' }
        : { next: { ...open, clearSince, resolvedAt: now }, message: null };
    }
    return open.clearSince === null ? { next: { ...open, clearSince }, message: null } : NOTHING;
  }
  const changed = problemsFingerprint(problems) !== problemsFingerprint(open.problems);
  if (open.version === 0) {
    if (now - open.openedAt >= timing.openAfterMs) return { next: { ...open, problems, clearSince: null, version: 1, editedAt: now }, message: 'open' };
    return changed || open.clearSince !== null ? { next: { ...open, problems, clearSince: null }, message: null } : NOTHING;
  }
  if (changed && now - open.editedAt >= timing.editGapMs) {
    return { next: { ...open, problems, clearSince: null, version: open.version + 1, editedAt: now }, message: 'edit' };
  }
  return open.clearSince !== null ? { next: { ...open, clearSince: null }, message: null } : NOTHING;
}

/** Problems that stop every channel's alerts (as opposed to one channel's delivery). */
const APP_WIDE = new Set<OpsProblem['kind']>(['hume_key', 'hume_retired', 'polling']);

export interface OpsAudience {
  /** OPS_CHANNEL, or null: then subscribed channels hear about what stops their alerts. */
  opsChannel: string | null;
  /** Channels that get alerts now. */
  subscribed: readonly string[];
}

/**
 * What each place is told. App Home ('') shows every problem. OPS_CHANNEL hears of every problem
 * but its own delivery failure (a message that cannot be posted cannot say so: App Home does).
 * Without it, each subscribed channel hears of what stops all alerts (Hume, polling); a
 * channel's own delivery failure or lateness is not said in that channel, where it cannot be
 * said in time, only in App Home, `/healthz` and `subscriptions`. A channel that cannot be posted
 * to is not told anything until it can.
 */
export function opsTargets(observation: OpsObservation, audience: OpsAudience): Map<string, OpsProblem[]> {
  const { problems } = observation;
  const targets = new Map<string, OpsProblem[]>([['', problems]]);
  if (audience.opsChannel !== null) {
    targets.set(
      audience.opsChannel,
      problems.filter((p) => !(p.kind === 'channel' && p.channelId === audience.opsChannel)),
    );
    return targets;
  }
  const unreachable = new Set(problems.filter((p) => p.kind === 'channel').map((p) => p.channelId));
  const appWide = problems.filter((p) => APP_WIDE.has(p.kind));
  for (const channel of audience.subscribed) if (!unreachable.has(channel)) targets.set(channel, appWide);
  return targets;
}

/** The outbox row that tells `incident` (as it now stands) in its channel; one per version. */
export function opsOutboxRow(incident: OpsIncident, audience: 'ops' | 'channel', now: number): NewOutboxRow {
  const key = incidentKey(incident);
  return {
    channelId: incident.target,
    jobId: key,
    dedupeKey: `${key}:${incident.version}`,
    payload: { type: 'ops', incident, audience, mention: null },
    createdAt: now,
  };
}
