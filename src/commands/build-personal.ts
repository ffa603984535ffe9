/**
 * The personal commands, put together from their clauses: `watch <id>`, `unwatch <id>|all`,
 * `notify me [statuses] [filters] | off`, `link usr_… | off`. What they mean for Slack and the
 * store is the handlers' business; here only which words go together.
 */
import { matchOf } from './build-subscription';
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import { type Clause, clausesOf, valueOf } from './clauses';
import type { ParseResult } from './command';
import { conflict, missingValue, parseError, quote } from './errors';
import { JOB_ID } from './read-keyed';

/** What `notify me` tells about when no status is named, as for `subscribe`. */
export const DEFAULT_NOTIFY_KINDS: readonly StatusKind[] = ['completed', 'failed'];

function statuses(clauses: readonly Clause[]): StatusKind[] {
  const typed = new Set(clausesOf(clauses, 'status').map((c) => c.value));
  return STATUS_KINDS.filter((kind) => typed.has(kind));
}

export function buildWatch(clauses: readonly Clause[]): ParseResult {
  return { ok: true, command: { kind: 'watch', id: valueOf(clauses, 'id') ?? null } };
}

export function buildUnwatch(clauses: readonly Clause[]): ParseResult {
  const id = clausesOf(clauses, 'id')[0];
  const all = clausesOf(clauses, 'all')[0];
  if (id && all) return { ok: false, error: conflict(id.word, all.word, 'which watches end') };
  if (!id && !all) {
    const verb = clausesOf(clauses, 'verb')[0]?.word ?? 'unwatch';
    return { ok: false, error: missingValue(verb, { ...JOB_ID, allowed: `${JOB_ID.allowed}, or ${quote('all')}`, example: 'unwatch 1a2b3c4d' }) };
  }
  return { ok: true, command: { kind: 'unwatch', id: id?.value ?? null } };
}

export function buildNotify(clauses: readonly Clause[]): ParseResult {
  const verb = clausesOf(clauses, 'verb')[0]?.word ?? 'notify';
  if (valueOf(clauses, 'me') === undefined) {
    // A DM goes to the one who asks; notifying a channel is `subscribe`.
    const message = `${quote(verb)} is for DMs to you: write ${quote('notify me failed')} (for a channel, ${quote('subscribe failed')}).`;
    return { ok: false, error: parseError(message, verb, 'notify me') };
  }
  const off = clausesOf(clauses, 'off')[0];
  const setting = clauses.find((c) => c.slot !== 'verb' && c.slot !== 'me' && c.slot !== 'off');
  if (off && setting) return { ok: false, error: conflict(off.word, setting.word, 'your notifications') };
  if (off) return { ok: true, command: { kind: 'notify', action: 'off' } };
  if (!setting) return { ok: true, command: { kind: 'notify', action: 'show' } };
  const mine = clausesOf(clauses, 'mine')[0];
  const user = clausesOf(clauses, 'user')[0];
  if (mine && user) return { ok: false, error: conflict(mine.word, user.word, 'whose runs') };
  const typed = statuses(clauses);
  return {
    ok: true,
    command: { kind: 'notify', action: 'set', statuses: typed.length > 0 ? typed : [...DEFAULT_NOTIFY_KINDS], match: matchOf(clauses), mine: mine !== undefined },
  };
}

export function buildLink(clauses: readonly Clause[]): ParseResult {
  const user = clausesOf(clauses, 'user')[0];
  const off = clausesOf(clauses, 'off')[0];
  if (user && off) return { ok: false, error: conflict(user.word, off.word, 'your Hume user') };
  if (off) return { ok: true, command: { kind: 'link', action: 'off' } };
  if (!user) return { ok: true, command: { kind: 'link', action: 'show' } };
  return { ok: true, command: { kind: 'link', action: 'set', humeUserId: user.value } };
}
