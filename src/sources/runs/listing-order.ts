/**
 * The order runs are listed in: newest start first, then run_id descending, a total order the
 * merge of several status streams follows (the API documents newest first, not its tie-break).
 */

export interface Listed {
  /** `started_at` in Unix ms. */
  at: number;
  id: string;
}

/** Positive when `a` is listed after `b`, negative before, 0 for the same run. */
export function compareListed(a: Listed, b: Listed): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
