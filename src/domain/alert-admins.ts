/**
 * Who may change a channel's alert settings, decided from what Slack said about the caller.
 * Pure: the Slack calls (users.info, usergroups.users.list) and their cache are the edge's
 * (slack/access/alert-access.ts); this says what their answers mean.
 *
 * - `ADMINS` unset: anyone may, as before the setting existed.
 * - A person listed by ID, a workspace admin or owner, or a member of a listed group may.
 * - When Slack could not answer a question whose answer could have let the caller in, the
 *   change is refused, with why: the app never lets a change through because it could not check.
 */

/** `ADMINS=U012AB,S034CD`: people (U…, W… on Enterprise Grid) and user groups (S…). */
export interface AdminList {
  users: readonly string[];
  groups: readonly string[];
}

/** What Slack said about the caller; null where it did not answer (why is in `failures`). */
export interface CallerFacts {
  /** users.info's is_admin / is_owner; null when not asked or not answered. */
  workspaceAdmin: boolean | null;
  /** Listed group ID → whether the caller is a member; a group not asked (or not answered) is absent. */
  inGroup: Readonly<Record<string, boolean>>;
  /** One short line per question Slack did not answer (`users.info: ratelimited`). */
  failures: readonly string[];
}

export type AccessDecision =
  | { allowed: true; why: 'anyone' | 'listed' | 'workspace admin' | 'group'; group?: string }
  | { allowed: false; why: 'not an admin' }
  | { allowed: false; why: 'could not check'; failures: readonly string[] };

export const NO_FACTS: CallerFacts = { workspaceAdmin: null, inGroup: {}, failures: [] };

export function decideAccess(admins: AdminList | null, userId: string, facts: CallerFacts = NO_FACTS): AccessDecision {
  if (admins === null) return { allowed: true, why: 'anyone' };
  if (admins.users.includes(userId)) return { allowed: true, why: 'listed' };
  if (facts.workspaceAdmin === true) return { allowed: true, why: 'workspace admin' };
  const group = admins.groups.find((g) => facts.inGroup[g] === true);
  if (group !== undefined) return { allowed: true, group, why: 'group' };
  const unknown = facts.workspaceAdmin === null || admins.groups.some((g) => facts.inGroup[g] === undefined);
  return unknown ? { allowed: false, why: 'could not check', failures: facts.failures } : { allowed: false, why: 'not an admin' };
}
