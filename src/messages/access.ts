/**
 * The reply to someone `ADMINS` does not let change alert settings: who can, how to ask, and
 * (when Slack could not tell) why the app could not check. Told to the caller only; the admins
 * are shown as mentions so the caller sees their names, and an ephemeral reply pings nobody.
 */
import type { AccessDecision, AdminList } from '../domain/alert-admins';
import { section, context, type Message } from './blocks';
import { fitMessage } from './limits';
import { code, userLink } from './mrkdwn';

type Refused = Extract<AccessDecision, { allowed: false }>;

/** Admins shown at most; the rest are counted. */
const SHOWN = 10;
const GROUP_ID = /^S[A-Z0-9]{2,20}$/;

/** "<@U1>, <!subteam^S1> and workspace admins and owners" */
function whoCan(admins: AdminList): string {
  const named = [...admins.users.map(userLink), ...admins.groups.filter((g) => GROUP_ID.test(g)).map((g) => `<!subteam^${g}>`)];
  const shown = named.slice(0, SHOWN);
  const rest = named.length - shown.length;
  return [...shown, rest > 0 ? `${rest} more` : null, 'workspace admins and owners'].filter((w) => w !== null).join(', ');
}

/** What to do about a failed check, from the Slack answers that failed. */
function fixFor(failures: readonly string[]): string {
  const scope = failures.map((f) => /missing_scope (\S+)/.exec(f)?.[1]).find((s) => s !== undefined);
  if (scope) return `The app lacks the ${code(scope, 40)} scope: an admin can add it by reinstalling the app from its manifest.`;
  if (failures.some((f) => f.includes('ratelimited'))) return 'Slack is limiting how often the app may ask: try again in a minute.';
  return 'Try again in a minute.';
}

/**
 * Slack's escaped form of what was typed (`<!subteam^S1|@oncall>`, `&lt;`) back to what the
 * person saw when typing it, so "ask an admin to run …" can be copied as it stands.
 */
export function typedCommand(raw: string): string {
  const text = raw
    .replace(/<[@#!][^<>|]*\|([^<>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return `/hume-jobs ${text}`.trim();
}

export function buildNotAllowed(decision: Refused, admins: AdminList, asked: string): Message {
  const who = whoCan(admins);
  // A typed command is quoted to be run as is; a button press is said in words.
  const deed = asked.startsWith('/') ? `run ${code(asked, 200)} here` : asked;
  const ask = `Ask one of them to ${deed}, or to add you to \`ADMINS\`. \`/hume-jobs subscriptions\` and \`/hume-jobs changes\` show what this channel gets and who set it.`;
  if (decision.why === 'could not check') {
    const answers = decision.failures.length > 0 ? ` (${decision.failures.map((f) => code(f, 80)).join(', ')})` : '';
    return fitMessage({
      text: 'I could not check whether you may change alert settings, so nothing changed',
      blocks: [
        section(`:warning: I could not check with Slack whether you may change alert settings here${answers}, so nothing changed. ${fixFor(decision.failures)}`),
        context(`Alert settings can be changed by ${who}. ${ask}`),
      ],
    });
  }
  return fitMessage({
    text: 'Only alert admins can change alert settings; nothing changed',
    blocks: [section(`:lock: Only alert admins can change this channel's alert settings: ${who}. Nothing changed.`), context(ask)],
  });
}
