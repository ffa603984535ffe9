/**
 * Leases: one active poller and deliverer among replicas (the leader uses this).
 */
export interface Lease {
  holder: string;
  expiresAt: number;
  /** The term: one more each time another holder takes the lease (fence.ts). */
  epoch: number;
}

export interface LeaseStore {
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`, when it is free, expired
   * or already held by `holder`. Returns who holds it afterwards and until when.
   */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up (graceful shutdown), so another replica takes over at once. */
  releaseLease(name: string, holder: string): Promise<void>;
}
