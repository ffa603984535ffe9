/**
 * The Slack stand-in's Web API methods: what each answers, given the workspace (channels,
 * membership, people, groups, scopes) and the messages the bot posted. Interaction rules
 * (response_url, trigger_id) and scripted faults live in slack-server.ts.
 */
import { inRange, page, type Answer, type StoredMessage, type Workspace } from './slack-workspace';

export interface MethodState {
  workspace: Workspace;
  messages: StoredMessage[];
  now: () => number;
  nextTs: () => string;
  nextViewId: () => string;
  socketModeUrl: string | null;
  /** trigger_id checks for views.open / views.push; null when the trigger may be used. */
  useTrigger: (triggerId: unknown) => string | null;
}

const fail = (error: string): Answer => ({ ok: false, error });

/** Includes the metadata only when asked (docs.slack.dev reference/methods/conversations.history: include_all_metadata). */
function wire(m: StoredMessage, withMetadata: boolean): Record<string, unknown> {
  return { type: 'message', ts: m.ts, text: m.text, thread_ts: m.threadTs ?? undefined, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) };
}

function wantsMetadata(args: Record<string, unknown>): boolean {
  return args.include_all_metadata === true || args.include_all_metadata === 'true' || args.include_all_metadata === '1';
}

/** History or a thread, newest first or oldest first, in pages with a cursor, as Slack answers them. */
function readMessages(state: MethodState, method: string, channel: string, args: Record<string, unknown>): Answer {
  const problem = state.workspace.readingError(channel);
  if (problem) return problem;
  const live = state.messages.filter((m) => m.channel === channel && !m.deleted);
  let found: StoredMessage[];
  if (method === 'conversations.replies') {
    const parent = typeof args.ts === 'string' ? args.ts : '';
    if (!live.some((m) => m.ts === parent)) return fail('thread_not_found');
    // docs.slack.dev reference/methods/conversations.replies: the parent first, then replies, oldest first.
    found = live.filter((m) => (m.ts === parent || m.threadTs === parent) && inRange(m.ts, args, state.now()));
  } else {
    // docs.slack.dev reference/methods/conversations.history: newest first; thread replies are not in it.
    found = live.filter((m) => m.threadTs === null && inRange(m.ts, args, state.now())).reverse();
  }
  const { messages, hasMore, nextCursor } = page(found, args);
  const withMetadata = wantsMetadata(args);
  return { ok: true, messages: messages.map((m) => wire(m, withMetadata)), has_more: hasMore, response_metadata: { next_cursor: nextCursor } };
}

function post(state: MethodState, to: string, args: Record<string, unknown>): Answer {
  const error = state.workspace.postingError(to);
  if (error) return fail(error);
  const channel = state.workspace.postTarget(to);
  const message: StoredMessage = {
    channel,
    ts: state.nextTs(),
    threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : null,
    text: typeof args.text === 'string' ? args.text : '',
    blocks: Array.isArray(args.blocks) ? args.blocks : [],
    metadata: (args.metadata as StoredMessage['metadata']) ?? null,
    edits: 0,
  };
  state.messages.push(message);
  return { ok: true, channel, ts: message.ts, message: { text: message.text } };
}

function update(state: MethodState, channel: string, args: Record<string, unknown>): Answer {
  const channelInfo = state.workspace.channel(channel);
  if (channelInfo.archived) return fail('is_archived');
  // docs.slack.dev reference/methods/chat.update: a message that no longer exists is message_not_found.
  const message = state.messages.find((m) => m.channel === channel && m.ts === args.ts && !m.deleted);
  if (!message) return fail('message_not_found');
  // docs.slack.dev reference/methods/chat.update: text, blocks or attachments describe the new
  // message; with none of them Slack answers no_text.
  if (typeof args.text !== 'string' && !Array.isArray(args.blocks) && args.attachments === undefined) return fail('no_text');
  message.text = typeof args.text === 'string' ? args.text : message.text;
  message.blocks = Array.isArray(args.blocks) ? args.blocks : message.blocks;
  message.edits += 1;
  return { ok: true, channel, ts: args.ts, text: args.text };
}

function openView(state: MethodState, args: Record<string, unknown>): Answer {
  const problem = state.useTrigger(args.trigger_id);
  if (problem) return fail(problem);
  return { ok: true, view: { id: state.nextViewId(), ...(args.view as object) } };
}

/** The answer to one Web API call; `channelErrors` (scripted per channel) are checked by the caller. */
export function answerMethod(state: MethodState, method: string, args: Record<string, unknown>): Answer {
  const channel = typeof args.channel === 'string' ? args.channel : '';
  const { workspace } = state;
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://stand-in.slack.test/', team: 'Stand-in', user: 'hume-jobs', team_id: 'T0STANDIN', user_id: 'U0BOT', bot_id: 'B0BOT' };
    case 'chat.postMessage':
      return post(state, channel, args);
    case 'chat.update':
      return update(state, channel, args);
    case 'chat.postEphemeral':
      return { ok: true, message_ts: state.nextTs() };
    case 'conversations.history':
    case 'conversations.replies':
      return readMessages(state, method, channel, args);
    case 'conversations.join':
      return workspace.join(channel);
    case 'conversations.open':
      return workspace.openDm(args);
    case 'conversations.info':
      return workspace.info(channel);
    case 'usergroups.list':
      return workspace.listUserGroups(args);
    case 'usergroups.users.list':
      return workspace.listGroupMembers(args);
    case 'users.info':
      return workspace.userInfo(args);
    case 'apps.connections.open':
      return state.socketModeUrl ? { ok: true, url: state.socketModeUrl } : fail('not_allowed_token_type');
    case 'views.open':
    case 'views.push':
      return openView(state, args);
    case 'views.update':
    case 'views.publish':
      return { ok: true, view: { id: args.view_id ?? state.nextViewId(), ...(args.view as object) } };
    default:
      // docs.slack.dev apis/web-api: a method Slack does not have answers unknown_method.
      return fail('unknown_method');
  }
}
