/**
 * Opening and closing the database: the composition root and /healthz need this, no one else.
 */
export interface StoreLifecycle {
  /** Creates or upgrades the schema. Safe to run at every start, and by several replicas at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip, for `/healthz`. */
  ping(): Promise<void>;
}
