/**
 * The `mention` value of `subscribe`, kept as one canonical string the alert layer can use:
 * `<!subteam^S0123>` for a user group Slack already resolved (`<!subteam^S0123|@team>` arrives
 * when the command escapes mentions), `@handle` (lower case) for a group typed as plain text,
 * `<!here>` / `<!channel>` for those. `@everyone` is refused: alerts must not ping a workspace.
 */

const SUBTEAM = /^<!subteam\^(s[a-z0-9]{2,20})(?:\|[^<>]*)?>$/i;
const BROADCAST = /^(?:<!(here|channel)(?:\|@?\1)?>|@?(here|channel))$/i;
/** Slack handles: letters, digits, `.`, `_`, `-`, at most 80 characters. */
const HANDLE = /^@([a-z0-9][a-z0-9._-]{0,79})$/i;

export const MENTION_WHAT = 'a user group to mention';
export const MENTION_ALLOWED = '@team, @here or @channel';

/** Whether a bare word is meant as a mention (so it gets a mention error, not "not understood"). */
export function looksLikeMention(text: string): boolean {
  return text.startsWith('@') || text.startsWith('<');
}

/** The canonical mention, or null when the text is not one the app will post. */
export function parseMention(text: string): string | null {
  const subteam = SUBTEAM.exec(text);
  if (subteam !== null) return `<!subteam^${(subteam[1] ?? '').toUpperCase()}>`;
  const broadcast = BROADCAST.exec(text);
  if (broadcast !== null) return `<!${(broadcast[1] ?? broadcast[2] ?? '').toLowerCase()}>`;
  const handle = HANDLE.exec(text);
  if (handle === null) return null;
  const name = (handle[1] ?? '').toLowerCase();
  return name === 'everyone' ? null : `@${name}`;
}
