/**
 * Forgetting what is no longer needed: the pruner uses this.
 */
export interface RetentionCutoffs {
  deliveredBefore: number;
  failedBefore: number;
  finishedJobsBefore: number;
  /** Changes to alert settings made before this are forgotten (kept a year). */
  settingChangesBefore: number;
}

export interface PruneReport {
  outboxRows: number;
  jobs: number;
  settingChanges: number;
}

export interface Retention {
  /**
   * Deletes what is no longer needed, in short transactions: delivered outbox rows finished
   * before `deliveredBefore` and given-up ones before `failedBefore` (rows about a job still
   * queued or running are kept: their dedupe keys stop repeats), and finished jobs created before
   * `finishedJobsBefore` with their message refs (active jobs are kept however old), and the
   * change log's entries made before `settingChangesBefore`.
   */
  prune(policy: RetentionCutoffs): Promise<PruneReport>;
}
