/**
 * Fencing: a leader checks its lease in memory, but a process frozen past its lease (a GC
 * pause, SIGSTOP, a slow disk) can wake believing it still leads. So every write the leader's
 * workers make checks, in the SAME transaction, that the lease row still names this holder and
 * this term (its epoch, which grows by one each time another holder takes the lease). A write
 * after a takeover then changes nothing and fails with `FencedOutError`.
 *
 * The epoch alone decides, not the lease's expiry: a holder whose lease ran out while nobody
 * took it over is still the last leader, so its writes cannot interleave with anyone else's.
 */

/** One lease term: who held the lease `name`, in which term. */
export interface Fence {
  name: string;
  holder: string;
  epoch: number;
}

/** Where the fenced store reads the current term from (the leader), and tells it when it lost it. */
export interface FenceSource {
  /** The term this replica holds now, or null when it does not lead. */
  current(): Fence | null;
  /** A write was refused: another replica holds the lease. */
  fencedOut?(error: FencedOutError): void;
}

export class FencedOutError extends Error {
  constructor(readonly fence: Fence | null) {
    super(
      fence
        ? `fenced out: the ${fence.name} lease is no longer held by ${fence.holder} in term ${fence.epoch}`
        : 'fenced out: this replica does not hold the lease',
    );
    this.name = 'FencedOutError';
  }
}
