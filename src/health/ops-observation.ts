/**
 * The app's own health as problems people are told about (domain/ops.ts), read off the very
 * report `/healthz` serves, so the two never disagree: Hume rejecting the key or retired, poll
 * cycles failing for 5 minutes, a channel the app cannot post to, an alert waiting 5 minutes.
 * What the report cannot tell yet (no answer from Hume since the start, the poller not running
 * here, delivery unread or every Slack call refused) is listed as unknown, not as fine.
 */
import type { OpsFamily, OpsObservation, OpsProblem } from '../domain/ops';
import type { HealthReport } from './health';

/** Poll cycles failing this long, or an alert waiting this long, is a problem to tell. */
export const POLLING_FAILING_MS = 5 * 60_000;
export const DELIVERY_LATE_MS = 5 * 60_000;

function time(iso: unknown): number | null {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

export function observeOps(body: HealthReport['body'], now: number): OpsObservation {
  const problems: OpsProblem[] = [];
  const unknown: OpsFamily[] = [];
  const { hume, poller, delivery, slack } = body;

  if (hume.state === 'unknown') unknown.push('hume');
  else if (hume.state === 'unauthorized') problems.push({ key: 'hume_key', kind: 'hume_key', detail: hume.message ?? 'Hume rejected the API key.', since: now });
  else if (hume.state === 'retired') problems.push({ key: 'hume_retired', kind: 'hume_retired', detail: hume.message ?? 'Hume retired the API.', since: now });
  // A rejected key or a retired API fails every cycle: said once, as its cause.
  const humeStops = hume.state === 'unauthorized' || hume.state === 'retired';

  if (poller.state === 'retrying') {
    const since = time(poller.failingSince);
    if (!humeStops && since !== null && now - since >= POLLING_FAILING_MS) {
      problems.push({ key: 'polling', kind: 'polling', detail: typeof poller.lastError === 'string' ? poller.lastError : 'poll cycles fail', since });
    }
  } else if (poller.state !== 'running') unknown.push('polling');

  // While Slack refuses the token nothing can be posted, so nothing is late for another reason (/healthz says why).
  if (!delivery || slack.state === 'token_rejected') unknown.push('delivery');
  else {
    for (const problem of delivery.channelProblems) {
      problems.push({ key: `channel:${problem.channel}`, kind: 'channel', detail: problem.error, since: time(problem.since) ?? now, channelId: problem.channel });
    }
    const oldest = time(delivery.oldestUndeliveredAt);
    if (oldest !== null && now - oldest >= DELIVERY_LATE_MS) {
      problems.push({
        key: 'delivery_late',
        kind: 'delivery_late',
        detail: 'alerts wait more than 5 minutes',
        since: oldest,
        ...(delivery.oldestUndeliveredChannel ? { channelId: delivery.oldestUndeliveredChannel } : {}),
      });
    }
  }
  return { at: now, problems, unknown };
}
