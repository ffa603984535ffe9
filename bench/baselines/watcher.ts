/** What the idle-cycle section runs: one poll cycle of some way of watching Hume for changes. */
export interface Watcher {
  readonly name: string;
  /** One cycle; resolves with how many status changes it saw (0 when Hume is idle). */
  cycle(): Promise<number>;
}
