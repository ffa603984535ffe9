/**
 * SUBSCRIPTIONS_FILE: channels' alert settings declared as code (YAML), read at start and again
 * when the file changes. This module only reads and checks the text: every problem is reported
 * together, each with where it is and what would work, like the other settings. What the file
 * declares is then reconciled into the store (store/ports/declared-settings.ts).
 *
 *   channels:
 *     C0123ABCD:
 *       subscriptions:
 *         - statuses: [failed]
 *           endpoint: audio
 *           mention: S0123ABCD
 *       board: true
 *       overdue: 45m
 */
import { parseDocument } from 'yaml';
import { ANY_JOB, type JobMatch } from '../jobs/job-match';
import { STATUS_KINDS, type SourceName, type StatusKind } from '../jobs/job';
import { DAY_MS, parseDurationWord } from '../commands/duration';
import { parseMention } from '../commands/mention';
import { parseCommand } from '../commands/parse';
import type { DigestTiming } from '../commands/command';
import { nearestWord } from '../commands/suggest';
import { ENDPOINT_WORDS, MODE_WORDS, STATUS_WORDS } from '../commands/vocabulary';

export interface DeclaredSubscription {
  kinds: StatusKind[];
  match: JobMatch;
  mention: string | null;
}

export interface DeclaredChannel {
  channelId: string;
  subscriptions: DeclaredSubscription[];
  /** true: the channel has a board; false: it has none; null: the file leaves it to people. */
  board: boolean | null;
  /** `off` (0), `auto` (null) or a limit in ms; undefined: the file leaves it to people. */
  overdueMs: number | null | undefined;
  /** The digest schedule (`weekdays 9:00` read as `/hume-jobs digest` reads it) in its zone; 'off': none; undefined: left to people. */
  digest: DeclaredDigest | 'off' | undefined;
}

export interface DeclaredDigest {
  cadence: DigestTiming['cadence'];
  weekday: number | null;
  minutes: number;
  timeZone: string;
}

export interface DeclaredSettings {
  channels: DeclaredChannel[];
}

export type FileReading = { ok: true; settings: DeclaredSettings } | { ok: false; problems: string[] };

/** Hume's Expression Measurement models, as batch jobs name them. */
export const MODEL_NAMES: readonly string[] = ['face', 'burst', 'prosody', 'language', 'ner', 'facemesh'];
/** A public or private channel ID (C…, G…). A file is read by no user, so a name would have to be looked up: IDs only. */
const CHANNEL_ID = /^[CG][A-Z0-9]{8,}$/;
const CHANNEL_KEYS = ['subscriptions', 'board', 'overdue', 'digest'] as const;
const SUBSCRIPTION_KEYS = ['statuses', 'mention', 'mode', 'endpoint', 'user', 'model'] as const;
const DIGEST_KEYS = ['schedule', 'timezone'] as const;
/** Beyond this a file is a mistake (or an attack), not a configuration. */
const MAX_FILE_CHARS = 1_000_000;
const MAX_OVERDUE_MS = 30 * DAY_MS;

type Problems = string[];

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(where: string, value: Record<string, unknown>, allowed: readonly string[], problems: Problems): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const near = nearestWord(key.toLowerCase(), allowed);
    problems.push(`${where}: \`${key}\` is not a setting here${near ? ` (did you mean \`${near}\`?)` : ''}; use ${allowed.map((k) => `\`${k}\``).join(', ')}.`);
  }
}

/**
 * Reads the file's text. `source` decides which filters can apply: runs carry `mode`, `endpoint`
 * and `user`; batch jobs carry `model`. `validZone` checks an IANA time zone name.
 */
export function readSubscriptionsFile(text: string, source: SourceName, validZone: (zone: string) => boolean): FileReading {
  if (text.length > MAX_FILE_CHARS) return { ok: false, problems: [`the file is ${text.length} characters long; a subscriptions file has at most ${MAX_FILE_CHARS}.`] };
  // Anchors and aliases can make a small file expand enormously ("billion laughs"): refused.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.slice(0, 10).map((e) => `not valid YAML: ${e.message.split('\n')[0]}`) };
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, problems: [`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const problems: Problems = [];
  if (root === null || root === undefined) return { ok: true, settings: { channels: [] } };
  if (!isMapping(root)) return { ok: false, problems: ['the file must be a mapping with one key, `channels`.'] };
  unknownKeys('the top level', root, ['channels'], problems);
  const channelsValue = root.channels ?? {};
  if (!isMapping(channelsValue)) {
    problems.push('`channels` must map channel IDs (C0123ABCD) to their settings.');
    return { ok: false, problems };
  }
  const channels: DeclaredChannel[] = [];
  for (const [channelId, value] of Object.entries(channelsValue)) {
    const channel = readChannel(channelId, value, source, validZone, problems);
    if (channel) channels.push(channel);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { channels } };
}

function readChannel(channelId: string, value: unknown, source: SourceName, validZone: (zone: string) => boolean, problems: Problems): DeclaredChannel | null {
  const where = `channels.${channelId}`;
  if (!CHANNEL_ID.test(channelId)) {
    problems.push(`${where}: \`${channelId}\` is not a channel ID; use the ID from the channel's details (like C0123ABCD), not its name.`);
    return null;
  }
  if (!isMapping(value)) {
    problems.push(`${where}: must be a mapping with ${CHANNEL_KEYS.map((k) => `\`${k}\``).join(', ')}.`);
    return null;
  }
  unknownKeys(where, value, CHANNEL_KEYS, problems);
  const channel: DeclaredChannel = { channelId, subscriptions: [], board: null, overdueMs: undefined, digest: undefined };
  if (value.subscriptions !== undefined) {
    if (!Array.isArray(value.subscriptions)) problems.push(`${where}.subscriptions: must be a list (each item starts with \`- statuses: [failed]\`).`);
    else value.subscriptions.forEach((item, i) => {
      const sub = readSubscription(`${where}.subscriptions[${i + 1}]`, item, source, problems);
      if (sub) channel.subscriptions.push(sub);
    });
  }
  if (value.board !== undefined) {
    if (typeof value.board === 'boolean') channel.board = value.board;
    else problems.push(`${where}.board: must be true or false.`);
  }
  if (value.overdue !== undefined) channel.overdueMs = readOverdue(`${where}.overdue`, value.overdue, problems);
  if (value.digest !== undefined) channel.digest = readDigest(`${where}.digest`, value.digest, validZone, problems);
  return channel;
}

function readStatuses(where: string, value: unknown, problems: Problems): StatusKind[] {
  const words = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (words === null || words.length === 0) {
    problems.push(`${where}: must list statuses, like \`[failed]\` or \`[completed, failed]\`.`);
    return [];
  }
  const kinds = new Set<StatusKind>();
  for (const word of words) {
    const kind = typeof word === 'string' ? STATUS_WORDS.get(word.toLowerCase()) : undefined;
    if (kind) kinds.add(kind);
    else {
      const near = typeof word === 'string' ? nearestWord(word.toLowerCase(), [...STATUS_WORDS.keys()]) : null;
      problems.push(`${where}: \`${String(word)}\` is not a status${near ? ` (did you mean \`${near}\`?)` : ''}; use ${STATUS_KINDS.map((k) => `\`${k}\``).join(', ')}.`);
    }
  }
  return STATUS_KINDS.filter((k) => kinds.has(k));
}

function readWord<T>(where: string, value: unknown, words: ReadonlyMap<string, T>, problems: Problems): T | null {
  const found = typeof value === 'string' ? words.get(value.toLowerCase()) : undefined;
  if (found !== undefined) return found;
  problems.push(`${where}: \`${String(value)}\` is not one of ${[...words.keys()].map((w) => `\`${w}\``).join(', ')}.`);
  return null;
}

function readSubscription(where: string, value: unknown, source: SourceName, problems: Problems): DeclaredSubscription | null {
  if (!isMapping(value)) {
    problems.push(`${where}: must be a mapping like \`{ statuses: [failed] }\`.`);
    return null;
  }
  unknownKeys(where, value, SUBSCRIPTION_KEYS, problems);
  const before = problems.length;
  const kinds = readStatuses(`${where}.statuses`, value.statuses, problems);
  const match: JobMatch = { ...ANY_JOB };
  const runsOnly = (key: string) => problems.push(`${where}.${key}: batch jobs have no ${key}; only HUME_SOURCE=runs can filter by it.`);
  if (value.mode !== undefined) {
    if (source !== 'runs') runsOnly('mode');
    else match.mode = readWord(`${where}.mode`, value.mode, MODE_WORDS, problems);
  }
  if (value.endpoint !== undefined) {
    if (source !== 'runs') runsOnly('endpoint');
    else match.endpoint = readWord(`${where}.endpoint`, value.endpoint, ENDPOINT_WORDS, problems);
  }
  if (value.user !== undefined) {
    if (source !== 'runs') runsOnly('user');
    else if (typeof value.user === 'string' && /^usr_[A-Za-z0-9]{1,64}$/.test(value.user)) match.userId = value.user;
    else problems.push(`${where}.user: must be a Hume user id like \`usr_7Hq2\`.`);
  }
  if (value.model !== undefined) {
    if (source !== 'batch') problems.push(`${where}.model: runs name no models; only HUME_SOURCE=batch can filter by model.`);
    else match.model = readWord(`${where}.model`, value.model, new Map(MODEL_NAMES.map((m) => [m, m])), problems);
  }
  let mention: string | null = null;
  if (value.mention !== undefined && value.mention !== null) mention = readMention(`${where}.mention`, value.mention, problems);
  return problems.length > before ? null : { kinds, match, mention };
}

/**
 * A file is read by no Slack user, so a plain `@handle` cannot be looked up and would ping
 * nobody: groups and people are named by ID (`S0123ABCD`, `U0123ABCD`), or `here` / `channel`.
 */
function readMention(where: string, value: unknown, problems: Problems): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  const byId = /^S[A-Z0-9]{2,20}$/.test(text) ? `<!subteam^${text}>` : /^[UW][A-Z0-9]{2,20}$/.test(text) ? `<@${text}>` : text;
  const mention = parseMention(byId);
  if (mention !== null && !mention.startsWith('@')) return mention;
  problems.push(
    `${where}: \`${String(value)}\` cannot be mentioned from a file; use a user group's ID (S0123ABCD), a person's ID (U0123ABCD), \`here\` or \`channel\` (\`/hume-jobs subscriptions\` shows the IDs of mentions set in chat).`,
  );
  return null;
}

function readOverdue(where: string, value: unknown, problems: Problems): number | null | undefined {
  if (value === 'off' || value === false) return 0;
  if (value === 'auto') return null;
  const ms = typeof value === 'string' ? parseDurationWord(value.trim().toLowerCase()) : null;
  if (ms !== null && ms >= 60_000 && ms <= MAX_OVERDUE_MS) return ms;
  problems.push(`${where}: \`${String(value)}\` is not an overdue limit; use a duration from 1m to 30d (like \`45m\`), \`auto\` or \`off\`.`);
  return undefined;
}

function readDigest(where: string, value: unknown, validZone: (zone: string) => boolean, problems: Problems): DeclaredChannel['digest'] {
  if (value === 'off' || value === false) return 'off';
  if (!isMapping(value)) {
    problems.push(`${where}: must be \`off\` or a mapping like \`{ schedule: "weekdays 9:00", timezone: Europe/Paris }\`.`);
    return undefined;
  }
  unknownKeys(where, value, DIGEST_KEYS, problems);
  const schedule = typeof value.schedule === 'string' ? value.schedule.trim() : '';
  const timeZone = typeof value.timezone === 'string' ? value.timezone.trim() : '';
  if (!schedule) problems.push(`${where}.schedule: say when, like \`daily 9:00\`, \`weekdays 9:00\` or \`weekly mon 9:00\`.`);
  if (!timeZone || !validZone(timeZone)) problems.push(`${where}.timezone: \`${timeZone}\` is not a time zone; use an IANA name like \`Europe/Paris\` or \`UTC\`.`);
  if (!schedule || !timeZone || !validZone(timeZone)) return undefined;
  // The same words as `/hume-jobs digest …`, read by the same grammar: one meaning for both.
  const parsed = parseCommand(`digest ${schedule}`, { now: 0 });
  if (!parsed.ok || parsed.command.kind !== 'digest' || parsed.command.action !== 'set') {
    const why = parsed.ok ? 'it is not a schedule' : parsed.error.message;
    problems.push(`${where}.schedule: \`${schedule}\` is not a digest schedule (${why}); use \`daily 9:00\`, \`weekdays 9:00\` or \`weekly mon 9:00\`.`);
    return undefined;
  }
  const { cadence, weekday, minutes, utc } = parsed.command.schedule;
  if (utc && timeZone !== 'UTC' && timeZone !== 'Etc/UTC') {
    problems.push(`${where}.schedule: \`${schedule}\` names UTC while \`timezone\` is \`${timeZone}\`; say the zone once, in \`timezone\`.`);
    return undefined;
  }
  return { cadence, weekday, minutes, timeZone };
}

