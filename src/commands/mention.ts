/**
 * The `mention` value of `subscribe`, kept as one canonical string the alert layer can use:
 * `<!subteam^S0123>` for a user group and `<@U0123>` for a person, as Slack sends them when the
 * command escapes mentions (`<!subteam^S0123|@team>`, `<@U0123|ada>`: manifest.yml sets
 * `should_escape: true`); `<!here>` / `<!channel>` for those; `@handle` (lower case) for a group
 * typed as plain text (an app made from an older manifest), which `subscribe` then looks up and
 * stores by its ID, since only the ID form pings anyone (docs.slack.dev
 * messaging/formatting-message-text, mentioning groups). `@everyone` is refused: alerts must not
 * ping a workspace.
 */

const SUBTEAM = /^<!subteam\^(s[a-z0-9]{2,20})(?:\|[^<>]*)?>$/i;
/** A person, `<@U0123|ada>`: U for members, W for Enterprise Grid members. */
const USER = /^<@([uw][a-z0-9]{2,20})(?:\|[^<>]*)?>$/i;
const BROADCAST = /^(?:<!(here|channel)(?:\|@?\1)?>|@?(here|channel))$/i;
/** Slack handles: letters, digits, `.`, `_`, `-`, at most 80 characters. */
const HANDLE = /^@([a-z0-9][a-z0-9._-]{0,79})$/i;

export const MENTION_WHAT = 'a user group or person to mention';
export const MENTION_ALLOWED = '@team, @name, @here or @channel';

/** Whether a bare word is meant as a mention (so it gets a mention error, not "not understood"). */
export function looksLikeMention(text: string): boolean {
  return text.startsWith('@') || text.startsWith('<');
}

/** The canonical mention, or null when the text is not one the app will post. */
export function parseMention(text: string): string | null {
  const subteam = SUBTEAM.exec(text);
  if (subteam !== null) return `<!subteam^${(subteam[1] ?? '').toUpperCase()}>`;
  const user = USER.exec(text);
  if (user !== null) return `<@${(user[1] ?? '').toUpperCase()}>`;
  const broadcast = BROADCAST.exec(text);
  if (broadcast !== null) return `<!${(broadcast[1] ?? broadcast[2] ?? '').toLowerCase()}>`;
  const handle = HANDLE.exec(text);
  if (handle === null) return null;
  const name = (handle[1] ?? '').toLowerCase();
  return name === 'everyone' ? null : `@${name}`;
}

/** The handle of a mention typed as plain text (`@oncall` → `oncall`), which must be looked up; else null. */
export function plainHandle(mention: string): string | null {
  return mention.startsWith('@') ? mention.slice(1) : null;
}

/** The group id of `<!subteam^S0123>`, or null. */
export function subteamId(mention: string): string | null {
  return /^<!subteam\^([A-Z0-9]+)>$/.exec(mention)?.[1] ?? null;
}
