/**
 * A channel's subscriptions in SQL, statements and the transactions that use them. Two tables
 * (migration 7): `subscriptions` is one row per subscribed channel, holding what is the channel's
 * (its overdue limit) and the row every change to the channel's subscriptions locks first, so
 * two replicas subscribing one channel at once take turns; `channel_subscriptions` holds each
 * subscription: its kinds, its filters and mention. The channel row exists while the channel has
 * a subscription, as before: the last one going takes the overdue limit with it.
 */
import type { StatusKind } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';
import { ANY_JOB } from '../jobs/job-match';
import type { Dialect, Script, Stmt } from './driver';
import { stmt } from './driver';
import { encodeKinds, removeKinds, unionKinds } from './kinds';
import { int, intOrNull, toSubscription } from './rows';
import { FOR_UPDATE } from './sql-common';
import type { Subscription } from './store';
import { recordChange } from './sql-setting-changes';
import { subscribeChange, type ChangeStamp } from '../domain/setting-change';

/**
 * The filters as one text: a channel holds one subscription per key (a UNIQUE constraint). No
 * filter value can hold a `|` (the grammar takes ids of letters, digits, `-` and `_`, and fixed words).
 */
export function matchKey(match: JobMatch): string {
  return [match.mode, match.endpoint, match.userId, match.model].map((v) => v ?? '').join('|');
}

/** What migration 7 gives the subscriptions made before filters: every job. */
export const ANY_JOB_KEY = matchKey(ANY_JOB);

const COLUMNS =
  'r.id, r.channel_id, r.kinds, r.mode, r.endpoint, r.user_id, r.model, r.mention, r.created_by, r.created_at, r.managed_by, s.overdue_ms';
const SELECT = `SELECT ${COLUMNS} FROM channel_subscriptions r JOIN subscriptions s ON s.channel_id = r.channel_id`;

export const listSubscriptions = (channelId: string | null): Stmt =>
  channelId === null
    ? stmt(`${SELECT} ORDER BY r.channel_id, r.id`)
    : stmt(`${SELECT} WHERE r.channel_id = @channelId ORDER BY r.id`, { channelId });

/**
 * Creates the channel's row if there is none, so it exists to be locked. `kinds` and `mention`
 * there are what versions before filters read; they are no longer written (left empty).
 */
export const ensureChannel = (channelId: string, by: string | null, at: number): Stmt =>
  stmt(
    `INSERT INTO subscriptions (channel_id, kinds, mention, created_by, created_at) VALUES (@channelId, '', NULL, @by, @at)
     ON CONFLICT (channel_id) DO NOTHING`,
    { channelId, by, at },
  );

export const lockChannel = (dialect: Dialect, channelId: string): Stmt =>
  stmt(`SELECT channel_id, overdue_ms FROM subscriptions WHERE channel_id = @channelId ${FOR_UPDATE[dialect]}`, { channelId });

export const withMatch = (channelId: string, key: string): Stmt =>
  stmt(`${SELECT} WHERE r.channel_id = @channelId AND r.match_key = @key`, { channelId, key });

/** What a new subscription holds; `managedBy` 'file' when a subscriptions file declares it. */
interface NewSubscription {
  kinds: StatusKind[];
  match: JobMatch;
  mention: string | null;
  managedBy?: 'file';
}

export const insertSubscription = (channelId: string, { kinds, match, mention, managedBy }: NewSubscription, by: string | null, at: number): Stmt =>
  stmt(
    `INSERT INTO channel_subscriptions (channel_id, kinds, mode, endpoint, user_id, model, match_key, mention, created_by, created_at, managed_by)
     VALUES (@channelId, @kinds, @mode, @endpoint, @userId, @model, @key, @mention, @by, @at, @managedBy) RETURNING id`,
    {
      channelId,
      kinds: encodeKinds(kinds),
      mode: match.mode,
      endpoint: match.endpoint,
      userId: match.userId,
      model: match.model,
      key: matchKey(match),
      mention,
      by,
      at,
      managedBy: managedBy ?? null,
    },
  );

export const updateSubscription = (sub: Subscription): Stmt =>
  stmt('UPDATE channel_subscriptions SET kinds = @kinds, mention = @mention, managed_by = @managedBy WHERE id = @id', {
    id: sub.id,
    kinds: encodeKinds(sub.kinds),
    mention: sub.mention,
    managedBy: sub.managedBy ?? null,
  });

export const deleteSubscription = (id: number): Stmt => stmt('DELETE FROM channel_subscriptions WHERE id = @id', { id });

export const deleteChannel = (channelId: string): Stmt => stmt('DELETE FROM subscriptions WHERE channel_id = @channelId', { channelId });

export const setOverdue = (channelId: string, overdueMs: number | null): Stmt =>
  stmt('UPDATE subscriptions SET overdue_ms = @overdueMs WHERE channel_id = @channelId', { channelId, overdueMs });

export function* subscribe(
  dialect: Dialect,
  channelId: string,
  kinds: StatusKind[],
  match: JobMatch,
  mention: string | null,
  by: string | null,
  at: number,
  change?: ChangeStamp,
): Script<Subscription> {
  yield ensureChannel(channelId, by, at);
  const [channel] = yield lockChannel(dialect, channelId);
  if (!channel) throw new Error(`store: subscription ${channelId} vanished inside its transaction`);
  const [row] = yield withMatch(channelId, matchKey(match));
  if (row) {
    const current = toSubscription(row);
    const next = { ...current, kinds: unionKinds(current.kinds, kinds), mention: mention ?? current.mention };
    yield updateSubscription(next);
    yield* recordChange(channelId, change, subscribeChange(current, next));
    return next;
  }
  const sorted = unionKinds([], kinds);
  const [inserted] = yield insertSubscription(channelId, { kinds: sorted, match, mention }, by, at);
  if (!inserted) throw new Error(`store: a subscription of ${channelId} was not inserted`);
  const overdueMs = intOrNull(channel, 'overdue_ms');
  const made: Subscription = { id: int(inserted, 'id'), channelId, kinds: sorted, match: { ...match }, mention, createdBy: by, createdAt: at, overdueMs };
  yield* recordChange(channelId, change, subscribeChange(null, made));
  return made;
}

export function* unsubscribe(dialect: Dialect, channelId: string, kinds: StatusKind[], which: number | 'all', change?: ChangeStamp): Script<Subscription[]> {
  const [channel] = yield lockChannel(dialect, channelId);
  if (!channel) return [];
  const subs = (yield listSubscriptions(channelId)).map(toSubscription);
  for (const sub of subs) {
    if (which !== 'all' && sub.id !== which) continue;
    const left = kinds.length === 0 ? [] : removeKinds(sub.kinds, kinds);
    if (left.length === 0) yield deleteSubscription(sub.id);
    else yield updateSubscription({ ...sub, kinds: left });
    const removed = sub.kinds.filter((k) => !left.includes(k));
    yield* recordChange(channelId, change, removed.length > 0 ? { kind: 'unsubscribe', removed, kinds: left, match: sub.match } : null);
  }
  const remaining = (yield listSubscriptions(channelId)).map(toSubscription);
  if (remaining.length === 0) yield deleteChannel(channelId);
  return remaining;
}

/** The channel's overdue limit, recorded when the channel has a subscription to set it on. */
export function* setOverdueScript(channelId: string, overdueMs: number | null, change?: ChangeStamp): Script<Subscription[]> {
  yield setOverdue(channelId, overdueMs);
  const subs = (yield listSubscriptions(channelId)).map(toSubscription);
  if (subs.length > 0) yield* recordChange(channelId, change, { kind: 'overdue', overdueMs });
  return subs;
}
