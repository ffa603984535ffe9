/**
 * `/hume-jobs`: parse, acknowledge at once, then answer through `respond()`. Anything that needs
 * Hume happens after the ack, so a slow or dead Hume never causes Slack's `operation_timeout`.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { changesAlertSettings } from '../../../commands/alert-settings';
import type { Command } from '../../../commands/command';
import { parseCommand } from '../../../commands/parse';
import { typedCommand } from '../../../messages/access';
import { buildJobMessage } from '../../../messages/job-details';
import { buildErrorMessage, buildHelp, buildNotUnderstood } from '../../../messages/replies';
import { lookupJob } from '../../handlers/job-reply';
import { renderListPage } from '../../handlers/list-reply';
import { refusalUnlessAllowed } from '../../handlers/access-reply';
import { answerBoard } from '../../handlers/board-reply';
import { answerChanges } from '../../handlers/changes-reply';
import { answerDigest } from '../../handlers/digest-reply';
import type { ChannelContext } from '../../handlers/channel-context';
import { answerOverdue } from '../../handlers/overdue-reply';
import { answerPersonal } from '../../handlers/personal-reply';
import { answerSnooze } from '../../handlers/snooze-reply';
import { answerUnmute } from '../../handlers/unmute-reply';
import { answerSubscription } from '../../handlers/subscription-reply';
import { renderSummary } from '../../handlers/summary-reply';
import { type CommandResponse, responseBody } from '../../handlers/command-response';
import { replyToFailure } from '../failure-reply';
import { deadlineSignal, type ListenerDeps } from '../deps';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function humeJobsCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    const started = deps.clock.now();
    const log = deps.logger.child({ command: 'hume-jobs', user: command.user_id, channel: command.channel_id });
    const parsed = parseCommand(command.text ?? '', { now: started });
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...buildNotUnderstood(parsed.error) });
      return;
    }
    const cmd = parsed.command;
    const immediate = immediateReply(cmd, deps);
    if (immediate) {
      await ack({ response_type: 'ephemeral', ...immediate });
      return;
    }
    await ack();

    const deadline = deadlineSignal(deps);
    try {
      const ctx: ChannelContext = { store: deps.store, client, logger: log, channelId: command.channel_id, userId: command.user_id, now: started, source: deps.source.name };
      // The one place commands are checked against ADMINS; what counts as a change is changesAlertSettings.
      const refused = changesAlertSettings(cmd) ? await refusalUnlessAllowed(deps.access, client, command.user_id, typedCommand(command.text ?? '')) : null;
      const reply = refused ?? (await answer(cmd, deps, deadline.signal, ctx));
      await respond(responseBody(reply, isAnnounced(cmd)));
      const ms = deps.clock.now() - started;
      log.info({ kind: cmd.kind, ms }, 'command answered');
      deps.onCommandAnswered?.(cmd.kind, ms);
    } catch (error) {
      await replyToFailure(respond, error, deps, log, deadline.signal.aborted);
    } finally {
      deadline.done();
    }
  };
}

/**
 * Changing what a channel hears concerns everyone in it, so those confirmations are public (the
 * same commands ADMINS guards, but `board`: the board it posts is its announcement); questions
 * about the settings, and what one person asked to be told by DM, are answered to the caller only.
 */
function isAnnounced(cmd: Command): boolean {
  if (cmd.kind === 'list' || cmd.kind === 'job' || cmd.kind === 'summary') return cmd.public;
  return cmd.kind !== 'board' && changesAlertSettings(cmd);
}

/** Replies that need no Hume call go straight into the ack: the fastest answer Slack allows. */
function immediateReply(cmd: Command, deps: ListenerDeps): CommandResponse | null {
  switch (cmd.kind) {
    case 'help':
      return buildHelp();
    case 'list': {
      const unsupported = deps.source.unsupported(cmd.filter);
      return unsupported.length > 0 ? buildErrorMessage(unsupported.join(' ')) : null;
    }
    case 'subscribe': {
      // A filter the source can never match would make a subscription that never alerts.
      const unsupported = deps.source.unsupportedMatch(cmd.match);
      return unsupported.length > 0 ? buildErrorMessage(unsupported.join(' ')) : null;
    }
    case 'job':
    case 'summary':
    case 'unsubscribe':
    case 'subscriptions':
    case 'board':
    case 'snooze':
    case 'overdue':
    case 'unmute':
    case 'changes':
    case 'watch':
    case 'unwatch':
    case 'notify':
    case 'link':
    case 'digest':
      return null;
  }
}

async function answer(cmd: Command, deps: ListenerDeps, signal: AbortSignal, ctx: ChannelContext): Promise<CommandResponse> {
  switch (cmd.kind) {
    case 'list':
      return renderListPage(deps.source, deps.clock, { filter: cmd.filter, public: cmd.public, cursor: null, previous: [], index: 0 }, signal);
    case 'job': {
      const lookup = await lookupJob(deps.source, cmd.id, signal, deps.store);
      return lookup.found ? buildJobMessage(lookup.job, deps.clock.now()) : buildErrorMessage(lookup.reason);
    }
    case 'summary':
      return renderSummary(deps.source, deps.clock, cmd.since, signal);
    case 'subscribe':
    case 'unsubscribe':
    case 'subscriptions':
      return answerSubscription(cmd, ctx);
    case 'board':
      return answerBoard(cmd, ctx, deps.polling);
    case 'snooze':
      return answerSnooze(cmd, ctx, deps.polling);
    case 'overdue':
      return answerOverdue(cmd, ctx);
    case 'unmute':
      return answerUnmute(ctx);
    case 'changes':
      return answerChanges(cmd, ctx);
    case 'watch':
    case 'unwatch':
    case 'notify':
    case 'link':
      return answerPersonal(cmd, { ...ctx, store: deps.store, source: deps.source, polling: deps.polling, signal });
    case 'digest':
      return answerDigest(cmd, ctx, deps.polling);
    case 'help':
      return buildHelp();
  }
}

