/**
 * The workspace behind the Slack stand-in: its channels (public or private, whether the bot is
 * in them), its people and user groups, the scopes the app was installed with, and the messages
 * the bot posted. The rules here are Slack's where the app depends on them; each names its page.
 */

/** A message as the channel shows it now: the latest edit, with how many edits it had. */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | null;
  edits: number;
  /** Deleted by a person in Slack (`deleteMessage`): gone from history, and edits fail. */
  deleted?: boolean;
}

export interface StandInChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** Whether the bot user is a member (joined, or invited). */
  botMember: boolean;
  archived: boolean;
}

export interface StandInUser {
  id: string;
  name: string;
  tz: string;
  offsetSeconds: number;
  /** Workspace admin / owner, as users.info reports them (`is_admin`, `is_owner`). */
  isAdmin?: boolean;
  isOwner?: boolean;
  /** The primary owner is also an owner (docs.slack.dev reference/methods/users.info, the user object). */
  isPrimaryOwner?: boolean;
  /** A bot user: apps cannot open a DM with it (conversations.open: cannot_dm_bot). */
  isBot?: boolean;
  /** Deactivated: conversations.open answers user_disabled. */
  deactivated?: boolean;
}

export interface StandInUserGroup {
  id: string;
  /** Without the `@`, as usergroups.list reports it. */
  handle: string;
  name: string;
  /** A disabled group is left out of usergroups.list unless `include_disabled` is set. */
  disabled?: boolean;
  /** Member user IDs, as usergroups.users.list answers them. */
  members?: string[];
}

export interface WorkspaceOptions {
  /** Channels by id. Any other C… id is a public channel the bot has not joined; D… is a DM with it. */
  channels?: Record<string, Partial<Omit<StandInChannel, 'id'>>>;
  users?: StandInUser[];
  userGroups?: StandInUserGroup[];
  /** The bot token's scopes; the manifest's by default. */
  scopes?: string[];
  /**
   * The app's App Home Messages tab (manifest `app_home.messages_tab_enabled`), on as the
   * manifest has it: off, a DM to anyone answers messages_tab_disabled (chat.postMessage errors).
   */
  messagesTab?: boolean;
}

/** What manifest.yml asks for: an app installed from it has these. */
export const MANIFEST_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'channels:join',
  'usergroups:read',
  'users:read',
  'im:write',
  'im:history',
];

/** The person the tests' commands come from, and the groups they mention. */
export const DEFAULT_USERS: readonly StandInUser[] = [{ id: 'U0USER', name: 'ada', tz: 'Etc/UTC', offsetSeconds: 0 }];
export const DEFAULT_USER_GROUPS: readonly StandInUserGroup[] = [
  { id: 'S0ONCALL', handle: 'oncall', name: 'On call' },
  { id: 'S0TEAM', handle: 'ml-oncall', name: 'ML on call' },
];

export type Answer = Record<string, unknown> & { ok: boolean };

const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({ ok: false, error, ...extra });

/** Slack's history pages: at most 999 messages each, 100 unless `limit` says otherwise. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

export interface HistoryPage {
  messages: StoredMessage[];
  hasMore: boolean;
  nextCursor: string;
}

/** `limit`/`cursor` paging over an already ordered list, with an opaque cursor like Slack's. */
export function page(all: StoredMessage[], args: Record<string, unknown>): HistoryPage {
  const asked = Number(args.limit ?? DEFAULT_LIMIT);
  const limit = Number.isFinite(asked) && asked > 0 ? Math.min(MAX_LIMIT, Math.floor(asked)) : DEFAULT_LIMIT;
  const cursor = typeof args.cursor === 'string' && args.cursor !== '' ? args.cursor : null;
  const start = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, ''));
  const from = Number.isFinite(start) && start >= 0 ? start : 0;
  const messages = all.slice(from, from + limit);
  const hasMore = from + limit < all.length;
  return { messages, hasMore, nextCursor: hasMore ? Buffer.from(`offset:${from + limit}`).toString('base64') : '' };
}

/** `oldest`/`latest` bound the range, exclusively unless `inclusive` (docs.slack.dev reference/methods/conversations.history). */
export function inRange(ts: string, args: Record<string, unknown>, now: number): boolean {
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  const t = Number(ts);
  const oldest = Number(args.oldest ?? 0);
  const latest = args.latest === undefined || args.latest === '' ? now / 1000 + 1 : Number(args.latest);
  return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
}

export class Workspace {
  readonly users: StandInUser[];
  readonly userGroups: StandInUserGroup[];
  readonly scopes: Set<string>;
  /** Whether people can get DMs from the app at all (the Messages tab); tests turn it off. */
  messagesTab: boolean;
  private readonly channels = new Map<string, StandInChannel>();

  constructor(options: WorkspaceOptions) {
    this.users = [...(options.users ?? DEFAULT_USERS)];
    this.userGroups = [...(options.userGroups ?? DEFAULT_USER_GROUPS)];
    this.scopes = new Set(options.scopes ?? MANIFEST_SCOPES);
    this.messagesTab = options.messagesTab ?? true;
    for (const [id, channel] of Object.entries(options.channels ?? {})) this.channels.set(id, this.defaults(id, channel));
  }

  private defaults(id: string, given: Partial<Omit<StandInChannel, 'id'>> = {}): StandInChannel {
    const isIm = given.isIm ?? id.startsWith('D');
    return {
      id,
      name: given.name ?? id.toLowerCase(),
      isPrivate: given.isPrivate ?? false,
      isIm,
      botMember: given.botMember ?? isIm,
      archived: given.archived ?? false,
    };
  }

  /** The channel with that id; one nobody declared is a public channel the bot has not joined. */
  channel(id: string): StandInChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = this.defaults(id);
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** `missing_scope` as Slack answers it, or null when the token has the scope. */
  missingScope(scope: string): Answer | null {
    return this.scopes.has(scope) ? null : fail('missing_scope', { needed: scope, provided: [...this.scopes].join(',') });
  }

  /** The DM between the app and a person: one per person, the same id every time it is opened. */
  static dmId(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /**
   * conversations.open with one user in `users` opens (or resumes) the DM with them and answers
   * its id; it needs im:write. An unknown user is user_not_found, a deactivated one
   * user_disabled, a bot cannot_dm_bot (docs.slack.dev reference/methods/conversations.open).
   */
  openDm(args: Record<string, unknown>): Answer {
    const scope = this.missingScope('im:write');
    if (scope) return scope;
    const users = typeof args.users === 'string' ? args.users.split(',').filter((u) => u !== '') : [];
    if (users.length === 0) return fail('users_list_not_supplied');
    // A group DM (several users) is another conversation type, with mpim:write: not modelled.
    if (users.length > 1) return fail('method_not_supported_for_channel_type');
    const user = this.users.find((u) => u.id === users[0]);
    if (!user) return fail('user_not_found');
    if (user.deactivated) return fail('user_disabled');
    if (user.isBot) return fail('cannot_dm_bot');
    const id = Workspace.dmId(user.id);
    const already = this.channels.has(id);
    const channel = this.channel(id);
    return { ok: true, channel: { id: channel.id }, ...(already ? { already_open: true, no_op: true } : {}) };
  }

  /**
   * Where chat.postMessage posts for `channel`: a user id (U…, W…) posts in the app's DM with that
   * person (docs.slack.dev reference/methods/chat.postMessage: `channel` may be a user id for a
   * DM), and the answer names the DM's own id, as Slack does.
   */
  postTarget(channel: string): string {
    return /^[UW]/.test(channel) && this.users.some((u) => u.id === channel) ? Workspace.dmId(channel) : channel;
  }

  /** Whether the bot may post: a private channel it is not in does not exist for it. */
  postingError(id: string): string | null {
    if (/^[UW]/.test(id) && !this.users.some((u) => u.id === id)) return 'channel_not_found';
    const channel = this.channel(this.postTarget(id));
    if (channel.archived) return 'is_archived';
    if (channel.isIm && !this.messagesTab) return 'messages_tab_disabled';
    if (channel.botMember) return null;
    if (channel.isPrivate || channel.isIm) return 'channel_not_found';
    // docs.slack.dev reference/scopes/chat:write.public: post in public channels without joining.
    return this.scopes.has('chat:write.public') ? null : 'not_in_channel';
  }

  /**
   * Whether the bot may read the channel's history. Posting through chat:write.public does not
   * make it a member, so a public channel it never joined answers not_in_channel
   * (docs.slack.dev reference/methods/conversations.history, errors).
   */
  readingError(id: string): Answer | null {
    // History is read by conversation id: a user id is no conversation.
    if (/^[UW]/.test(id)) return fail('channel_not_found');
    const channel = this.channel(id);
    const scope = this.missingScope(channel.isPrivate ? 'groups:history' : channel.isIm ? 'im:history' : 'channels:history');
    if (channel.isIm) return channel.botMember ? scope : fail('channel_not_found');
    if (scope) return scope;
    if (channel.botMember) return null;
    return fail(channel.isPrivate ? 'channel_not_found' : 'not_in_channel');
  }

  /** conversations.join: public channels only, with channels:join (docs.slack.dev reference/methods/conversations.join). */
  join(id: string): Answer {
    const scope = this.missingScope('channels:join');
    if (scope) return scope;
    const channel = this.channel(id);
    if (channel.isPrivate && !channel.botMember) return fail('channel_not_found');
    if (channel.isPrivate || channel.isIm) return fail('method_not_supported_for_channel_type');
    if (channel.archived) return fail('is_archived');
    const already = channel.botMember;
    channel.botMember = true;
    const warning = already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {};
    return { ok: true, channel: this.describe(channel), ...warning };
  }

  describe(channel: StandInChannel): Record<string, unknown> {
    return {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isPrivate && !channel.isIm,
      is_group: channel.isPrivate,
      is_im: channel.isIm,
      is_private: channel.isPrivate || channel.isIm,
      is_archived: channel.archived,
      is_member: channel.botMember,
    };
  }

  /** conversations.info: a private channel the bot is not in is channel_not_found to it. */
  info(id: string): Answer {
    const channel = this.channel(id);
    if ((channel.isPrivate || channel.isIm) && !channel.botMember) return fail('channel_not_found');
    const scope = this.missingScope(channel.isPrivate ? 'groups:read' : channel.isIm ? 'im:read' : 'channels:read');
    if (scope && !channel.isIm) return scope;
    return { ok: true, channel: this.describe(channel) };
  }

  /** usergroups.list (docs.slack.dev reference/methods/usergroups.list), needs usergroups:read. */
  listUserGroups(args: Record<string, unknown>): Answer {
    const scope = this.missingScope('usergroups:read');
    if (scope) return scope;
    const withDisabled = args.include_disabled === true || args.include_disabled === 'true';
    const groups = this.userGroups.filter((g) => withDisabled || !g.disabled);
    return {
      ok: true,
      usergroups: groups.map((g) => ({ id: g.id, team_id: 'T0STANDIN', is_usergroup: true, name: g.name, handle: g.handle, date_delete: g.disabled ? 1 : 0 })),
    };
  }

  /**
   * usergroups.users.list (docs.slack.dev reference/methods/usergroups.users.list): needs
   * usergroups:read; `{ users: [IDs] }`; an unknown ID is no_such_subteam. A disabled group's
   * members are only listed with `include_disabled` ("Allow results that involve disabled User
   * Groups"); without it the stand-in answers none.
   */
  listGroupMembers(args: Record<string, unknown>): Answer {
    const scope = this.missingScope('usergroups:read');
    if (scope) return scope;
    const group = this.userGroups.find((g) => g.id === args.usergroup);
    if (!group) return fail('no_such_subteam');
    const withDisabled = args.include_disabled === true || args.include_disabled === 'true';
    return { ok: true, users: group.disabled && !withDisabled ? [] : [...(group.members ?? [])] };
  }

  /** users.info (docs.slack.dev reference/methods/users.info): needs users:read; the user object with its zone and roles. */
  userInfo(args: Record<string, unknown>): Answer {
    const scope = this.missingScope('users:read');
    if (scope) return scope;
    const user = this.user(typeof args.user === 'string' ? args.user : '');
    return {
      ok: true,
      user: {
        id: user.id,
        name: user.name,
        tz: user.tz,
        tz_offset: user.offsetSeconds,
        is_admin: user.isAdmin === true,
        is_owner: user.isOwner === true || user.isPrimaryOwner === true,
        is_primary_owner: user.isPrimaryOwner === true,
      },
    };
  }

  /** Names Slack resolves when it escapes command text (people, groups, declared channels). */
  directory(): { users: StandInUser[]; userGroups: StandInUserGroup[]; channels: StandInChannel[] } {
    return { users: this.users, userGroups: this.userGroups, channels: [...this.channels.values()] };
  }

  user(id: string): StandInUser {
    return this.users.find((u) => u.id === id) ?? { id, name: id.toLowerCase(), tz: 'Etc/UTC', offsetSeconds: 0 };
  }
}
