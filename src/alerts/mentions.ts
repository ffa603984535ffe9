/**
 * Who an alert mentions when several of a channel's subscriptions match it: each of their
 * mentions once, in the order given, as one text of space-separated mentions (a stored mention
 * holds no space: `<!subteam^S1>`, `<@U1>`, `<!here>`, `@handle`). Digests that fold alerts
 * combine theirs the same way, so a folded alert still pings everyone its alerts would have.
 */
export function combineMentions(mentions: Iterable<string | null | undefined>): string | null {
  const seen: string[] = [];
  for (const mention of mentions) {
    for (const part of (mention ?? '').split(' ')) if (part !== '' && !seen.includes(part)) seen.push(part);
  }
  return seen.length === 0 ? null : seen.join(' ');
}
