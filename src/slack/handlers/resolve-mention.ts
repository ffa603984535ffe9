/**
 * Turns the mention `subscribe` parsed into the form that pings, before it is stored: a group
 * typed as plain text (`@oncall`, from an app without `should_escape`) is looked up with
 * usergroups.list (scope usergroups:read) and stored as `<!subteam^ID>`, because plain text
 * notifies nobody (docs.slack.dev messaging/formatting-message-text). A handle that is no group
 * is refused now, naming the groups that exist, rather than stored to fail silently later.
 * Also finds the words the public confirmation uses for it (`@oncall`), which never ping.
 */
import type { WebClient } from '@slack/web-api';
import { plainHandle, subteamId } from '../../commands/mention';
import { buildErrorMessage } from '../../messages/replies';
import type { Logger } from '../../logging/logger';
import type { CommandResponse } from './command-response';

export type MentionResolution =
  | { ok: true; mention: string | null; words: string | null }
  | { ok: false; reply: CommandResponse };

interface Group {
  id: string;
  handle: string;
}

/** How many handles the refusal lists before "and N more". */
const LISTED_GROUPS = 10;

function slackCode(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
}

async function listGroups(client: WebClient): Promise<Group[]> {
  const result = await client.usergroups.list({});
  return (result.usergroups ?? []).flatMap((g) => (g.id && g.handle ? [{ id: g.id, handle: g.handle }] : []));
}

/** "@a, @b and 3 more", or null when there are none. */
function handles(groups: readonly Group[]): string | null {
  if (groups.length === 0) return null;
  const shown = groups.slice(0, LISTED_GROUPS).map((g) => `@${g.handle}`);
  const more = groups.length > LISTED_GROUPS ? ` and ${groups.length - LISTED_GROUPS} more` : '';
  return `${shown.join(', ')}${more}`;
}

function unknownGroup(handle: string, groups: readonly Group[]): CommandResponse {
  const existing = handles(groups);
  const others = existing === null ? 'this workspace has no user groups' : `the groups here are ${existing}`;
  return buildErrorMessage(
    `There is no user group @${handle}: ${others}. Nothing was subscribed; mention a group, a person (@name), @here or @channel.`,
  );
}

async function resolveHandle(client: WebClient, handle: string, logger: Logger): Promise<MentionResolution> {
  let groups: Group[];
  try {
    groups = await listGroups(client);
  } catch (error) {
    const code = slackCode(error);
    logger.warn({ error: code }, 'could not list user groups');
    const why = code === 'missing_scope' ? 'the app lacks the usergroups:read scope (reinstall it from manifest.yml)' : `Slack answered ${code}`;
    return { ok: false, reply: buildErrorMessage(`I could not look up the user group @${handle}: ${why}. Nothing was subscribed.`) };
  }
  const group = groups.find((g) => g.handle.toLowerCase() === handle);
  if (!group) return { ok: false, reply: unknownGroup(handle, groups) };
  return { ok: true, mention: `<!subteam^${group.id}>`, words: `@${group.handle}` };
}

/** The group's handle for the confirmation, best effort: the ID is what matters. */
async function groupWords(client: WebClient, id: string): Promise<string | null> {
  try {
    const group = (await listGroups(client)).find((g) => g.id === id);
    return group ? `@${group.handle}` : null;
  } catch {
    return null;
  }
}

/** A person's name for the confirmation, best effort (users:read). */
async function personWords(client: WebClient, id: string): Promise<string | null> {
  try {
    const info = await client.users.info({ user: id });
    return info.user?.name ? `@${info.user.name}` : null;
  } catch {
    return null;
  }
}

export async function resolveMention(client: WebClient, mention: string | null, logger: Logger): Promise<MentionResolution> {
  if (mention === null) return { ok: true, mention: null, words: null };
  const handle = plainHandle(mention);
  if (handle !== null) return resolveHandle(client, handle, logger);
  const group = subteamId(mention);
  if (group !== null) return { ok: true, mention, words: await groupWords(client, group) };
  const person = /^<@([UW][A-Z0-9]+)>$/.exec(mention)?.[1];
  if (person !== undefined) return { ok: true, mention, words: await personWords(client, person) };
  return { ok: true, mention, words: null };
}
