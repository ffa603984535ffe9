/**
 * Asks Slack what `ADMINS` needs to know about a caller, and decides (domain/alert-admins.ts):
 * users.info (scope users:read) for is_admin / is_owner, then usergroups.users.list (scope
 * usergroups:read) for each listed group until one has the caller. Nothing is asked when
 * `ADMINS` is unset or lists the caller by ID.
 *
 * Answers are cached for a minute (`cacheMs`): usergroups.users.list is Tier 2 (20+ a minute,
 * docs.slack.dev reference/methods/usergroups.users.list), and a person changing several
 * settings in a row should not cost a call each. Only answers are cached, never failures, so the
 * next try after Slack comes back asks again. Someone removed from a group may keep changing
 * settings for up to that minute.
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import { decideAccess, type AccessDecision, type AdminList } from '../../domain/alert-admins';
import type { Logger } from '../../logging/logger';

export interface AlertAccess {
  /** `ADMINS` as configured; null: anyone may. */
  readonly admins: AdminList | null;
  /** Whether `userId` may change alert settings now. Never rejects: Slack failing is a refusal with why. */
  check(client: WebClient, userId: string): Promise<AccessDecision>;
}

export interface AlertAccessOptions {
  admins: AdminList | null;
  clock: Clock;
  logger: Logger;
  /** How long an answer from Slack is trusted (ms). */
  cacheMs?: number;
}

const DEFAULT_CACHE_MS = 60_000;
/** Entries kept at most; the oldest go first. A workspace's admins and groups are far fewer. */
const MAX_ENTRIES = 1000;

/** The Slack error code (`ratelimited`, `missing_scope`…), or what went wrong on the way. */
function slackCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown; needed?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error === 'missing_scope' && typeof data.needed === 'string' ? `missing_scope ${data.needed}` : data.error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'no answer';
}

export function createAlertAccess(options: AlertAccessOptions): AlertAccess {
  const { admins, clock, logger } = options;
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const cache = new Map<string, { at: number; value: Promise<boolean | ReadonlySet<string>> }>();

  /** The cached answer to `key`, or a new question; a failed question is forgotten at once. */
  function ask<T extends boolean | ReadonlySet<string>>(key: string, question: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && clock.now() - hit.at < cacheMs) return hit.value as Promise<T>;
    const value = question();
    cache.delete(key);
    cache.set(key, { at: clock.now(), value });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  }

  async function workspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
    return ask(`user:${userId}`, async () => {
      // docs.slack.dev reference/methods/users.info: the user object's is_admin, is_owner (and is_primary_owner, who is also an owner).
      const { user } = await client.users.info({ user: userId });
      return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
    });
  }

  async function members(client: WebClient, group: string): Promise<ReadonlySet<string>> {
    return ask(`group:${group}`, async () => {
      // docs.slack.dev reference/methods/usergroups.users.list: { users: [IDs] }. Disabled groups
      // are left out (no include_disabled): a disabled group grants nothing.
      const { users } = await client.usergroups.users.list({ usergroup: group });
      return new Set(users ?? []);
    });
  }

  return {
    admins,
    async check(client, userId) {
      const first = decideAccess(admins, userId);
      if (first.allowed || admins === null) return first;
      const facts: { workspaceAdmin: boolean | null; inGroup: Record<string, boolean>; failures: string[] } = { workspaceAdmin: null, inGroup: {}, failures: [] };
      try {
        facts.workspaceAdmin = await workspaceAdmin(client, userId);
      } catch (error) {
        facts.failures.push(`users.info: ${slackCode(error)}`);
      }
      for (const group of admins.groups) {
        if (decideAccess(admins, userId, facts).allowed) break;
        try {
          facts.inGroup[group] = (await members(client, group)).has(userId);
        } catch (error) {
          facts.failures.push(`usergroups.users.list ${group}: ${slackCode(error)}`);
        }
      }
      const decision = decideAccess(admins, userId, facts);
      if (!decision.allowed) logger.info({ user: userId, why: decision.why, failures: facts.failures }, 'alert settings change refused');
      return decision;
    },
  };
}
