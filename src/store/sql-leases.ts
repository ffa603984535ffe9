/**
 * The lease's statements: take or renew it, read who holds it, give it up, and the fence check
 * every write of the leader's work runs in its own transaction (fence.ts).
 */
import type { Dialect, Stmt } from './driver';
import { stmt } from './driver';
import type { Fence } from './fence';
import { FOR_SHARE } from './sql-common';

/**
 * Takes the lease, or renews it, in one statement: the row changes only when it is free, expired
 * or already ours, so two replicas can never both come away holding it. The epoch (the term)
 * grows by one when another holder takes it, and stays the same on a renewal (see fence.ts).
 */
export const acquireLease = (name: string, holder: string, now: number, ttlMs: number): Stmt =>
  stmt(
    `INSERT INTO leases (name, holder, expires_at, epoch) VALUES (@name, @holder, @until, 1)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
       epoch = CASE WHEN leases.holder = excluded.holder THEN leases.epoch ELSE leases.epoch + 1 END
     WHERE leases.holder = excluded.holder OR leases.expires_at < @now
     RETURNING holder, expires_at, epoch`,
    { name, holder, now, until: now + ttlMs },
  );

export const leaseHolder = (name: string): Stmt => stmt('SELECT holder, expires_at, epoch FROM leases WHERE name = @name', { name });

/**
 * Releasing keeps the row (holder emptied, expired) so the epoch keeps counting: a deleted row
 * would start again at 1, and a holder frozen in term 1 would match the next term 1.
 */
export const releaseLease = (name: string, holder: string): Stmt =>
  stmt(`UPDATE leases SET holder = '', expires_at = 0 WHERE name = @name AND holder = @holder`, { name, holder });

/**
 * The fence check, first in a fenced transaction: a row back means the term still holds. On
 * Postgres FOR SHARE keeps the lease row from changing hands until the transaction ends, so a
 * takeover waits for a write already checked instead of slipping in after the check.
 */
export const checkFence = (dialect: Dialect, fence: Fence): Stmt =>
  stmt(`SELECT 1 AS held FROM leases WHERE name = @name AND holder = @holder AND epoch = @epoch ${FOR_SHARE[dialect]}`, { ...fence });
