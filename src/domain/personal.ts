/**
 * What one person asked to be told, by DM: a watch on one job (one DM when it ends, then the
 * watch is gone), a standing rule (`notify me failed mine`: a DM for each matching change), and
 * the Hume user they said they are (`link usr_…`), which a rule's `mine` stands for. Domain
 * types: the store keeps them, the planner and the replies read them. Personal, so they are no
 * channel's alert settings.
 */
import type { JobMatch } from '../jobs/job-match';
import type { Job, StatusKind } from '../jobs/job';

/** `watch <id>`: the Slack user who typed it, and the job (full id). */
export interface Watch {
  userId: string;
  jobId: string;
  createdAt: number;
}

/** `notify me <statuses> [filters]`: one rule per person, replaced by the next `notify me …`. */
export interface NotifyRule {
  userId: string;
  kinds: StatusKind[];
  /** The filter words; with `mine`, `userId` is left null here and the link fills it in. */
  match: JobMatch;
  /** `mine`: only runs of the Hume user linked to this person (`link usr_…`). */
  mine: boolean;
  createdAt: number;
}

/** `link usr_…`: which Hume user a Slack user is (runs carry `user_id`). */
export interface HumeLink {
  userId: string;
  humeUserId: string;
  createdAt: number;
}

/** The jobs a rule is about, with `mine` resolved through the person's link; null when `mine` has no link. */
export function ruleMatch(rule: NotifyRule, humeUserId: string | null): JobMatch | null {
  if (!rule.mine) return rule.match;
  return humeUserId === null ? null : { ...rule.match, userId: humeUserId };
}

/** The statuses a watch ends on: a job that finished, either way. */
export const WATCH_ENDS: readonly StatusKind[] = ['completed', 'failed'];

/** A rule with the Hume user its person linked (null when they did not), as the planner reads it. */
export interface LinkedRule {
  rule: NotifyRule;
  humeUserId: string | null;
}

/** A watch whose job the store has as finished: the job as it ended, and since when. */
export interface FinishedWatch {
  watch: Watch;
  job: Job;
  /** When the finished state was first seen (the dedupe key's time, as for a change). */
  seenAt: number;
}
