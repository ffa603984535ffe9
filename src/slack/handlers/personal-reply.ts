/**
 * `watch`, `unwatch`, `notify me`, `link`: what one person asked to be told by DM, kept in the
 * store (PersonalAlerts). Every answer is to the caller alone. Before anything is stored, the app
 * opens the caller's DM (conversations.open, im:write), so a DM Slack would refuse is said now
 * rather than lost later; a filter the source cannot apply is refused in words, as for lists.
 */
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../commands/command';
import { WATCH_ENDS } from '../../domain/personal';
import { defaultFilter } from '../../jobs/filter';
import type { Logger } from '../../logging/logger';
import { buildErrorMessage } from '../../messages/replies';
import {
  buildAlreadyEnded,
  buildCannotDm,
  buildLinkOff,
  buildLinkSet,
  buildLinkShown,
  buildMineNeedsLink,
  buildNotWatching,
  buildRuleOff,
  buildRuleSet,
  buildRuleShown,
  buildUnwatched,
  buildWatching,
  buildWatchList,
} from '../../messages/personal';
import type { JobSource } from '../../sources/source';
import type { JobStore, PersonalAlerts } from '../../store/store';
import type { CommandResponse } from './command-response';
import { lookupJob } from './job-reply';

type PersonalCommand = Extract<Command, { kind: 'watch' | 'unwatch' | 'notify' | 'link' }>;

export interface PersonalContext {
  store: PersonalAlerts & Pick<JobStore, 'idsWithPrefix' | 'getJobs'>;
  source: JobSource;
  client: WebClient;
  logger: Logger;
  userId: string;
  now: number;
  /** False when POLL_INTERVAL=off: nothing watches Hume, so no DM would ever come. */
  polling: boolean;
  signal: AbortSignal;
}

const NO_ALERTS = 'Alerts are off in this app (POLL_INTERVAL=off): nothing watches Hume, so no DM would come.';

/** Slack's refusal to open the caller's DM, or null when it opens. A hiccup is not a refusal. */
async function dmProblem(ctx: PersonalContext): Promise<string | null> {
  try {
    await ctx.client.conversations.open({ users: ctx.userId });
    return null;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === undefined || /^(internal_error|fatal_error|service_unavailable|request_timeout|ratelimited)$/.test(code)) return null;
    ctx.logger.warn({ user: ctx.userId, error: code }, 'cannot open a DM with the caller');
    return code;
  }
}

async function watch(id: string, ctx: PersonalContext): Promise<CommandResponse> {
  const lookup = await lookupJob(ctx.source, id, ctx.signal, ctx.store);
  if (!lookup.found) return buildErrorMessage(lookup.reason);
  const { job } = lookup;
  if (WATCH_ENDS.includes(job.status)) return buildAlreadyEnded(job);
  const problem = await dmProblem(ctx);
  if (problem) return buildCannotDm(problem);
  const added = await ctx.store.addWatch({ userId: ctx.userId, jobId: job.id, createdAt: ctx.now });
  return buildWatching(job, !added);
}

/** The caller's watches whose job id is `id` or starts with it (a short id from a list). */
async function unwatch(id: string | null, ctx: PersonalContext): Promise<CommandResponse> {
  const watches = await ctx.store.listWatches(ctx.userId);
  const chosen = id === null ? watches : watches.filter((w) => w.jobId === id || w.jobId.startsWith(id));
  const exact = chosen.find((w) => w.jobId === id);
  const ending = exact ? [exact] : chosen;
  if (id !== null && ending.length !== 1) return buildNotWatching(id, ending.map((w) => w.jobId));
  for (const w of ending) await ctx.store.removeWatch(ctx.userId, w.jobId);
  return buildUnwatched(ending.map((w) => w.jobId));
}

/** The parts of a rule this source cannot match on, in the sources' own words (as for lists). */
function unsupported(cmd: Extract<PersonalCommand, { kind: 'notify'; action: 'set' }>, ctx: PersonalContext): string[] {
  const filter = { ...defaultFilter(), statuses: cmd.statuses, mode: cmd.match.mode, endpoint: cmd.match.endpoint, userId: cmd.match.userId };
  const problems = ctx.source.unsupported(filter);
  if (cmd.mine && ctx.source.name === 'batch') {
    problems.push("`mine` is a runs-only filter (batch jobs carry no user); this app reads Hume's batch jobs API (HUME_SOURCE=batch).");
  }
  if (cmd.match.model !== null && ctx.source.name === 'runs') problems.push("`model` is a batch-only filter; this app reads Hume's runs API (HUME_SOURCE=runs).");
  return problems;
}

async function notify(cmd: Extract<PersonalCommand, { kind: 'notify' }>, ctx: PersonalContext): Promise<CommandResponse> {
  switch (cmd.action) {
    case 'show': {
      const [[rule], watches] = await Promise.all([ctx.store.notifyRules(ctx.userId), ctx.store.listWatches(ctx.userId)]);
      return buildRuleShown(rule ?? null, watches.length);
    }
    case 'off':
      return buildRuleOff((await ctx.store.removeNotifyRule(ctx.userId)) !== null);
    case 'set': {
      if (!ctx.polling) return buildErrorMessage(NO_ALERTS);
      const problems = unsupported(cmd, ctx);
      if (problems.length > 0) return buildErrorMessage(problems.join(' '));
      const link = cmd.mine ? await ctx.store.getHumeLink(ctx.userId) : null;
      if (cmd.mine && link === null) return buildMineNeedsLink();
      const problem = await dmProblem(ctx);
      if (problem) return buildCannotDm(problem);
      const rule = { userId: ctx.userId, kinds: cmd.statuses, match: cmd.match, mine: cmd.mine, createdAt: ctx.now };
      const replaced = await ctx.store.setNotifyRule(rule);
      return buildRuleSet({ rule, humeUserId: link?.humeUserId ?? null }, replaced);
    }
  }
}

async function link(cmd: Extract<PersonalCommand, { kind: 'link' }>, ctx: PersonalContext): Promise<CommandResponse> {
  switch (cmd.action) {
    case 'show':
      return buildLinkShown(await ctx.store.getHumeLink(ctx.userId));
    case 'off': {
      const [before, [rule]] = await Promise.all([ctx.store.setHumeLink(ctx.userId, null, ctx.now), ctx.store.notifyRules(ctx.userId)]);
      return buildLinkOff(before, rule?.rule.mine === true);
    }
    case 'set':
      return buildLinkSet(cmd.humeUserId, await ctx.store.setHumeLink(ctx.userId, cmd.humeUserId, ctx.now));
  }
}

export async function answerPersonal(cmd: PersonalCommand, ctx: PersonalContext): Promise<CommandResponse> {
  switch (cmd.kind) {
    case 'watch':
      if (cmd.id === null) return buildWatchList(await ctx.store.listWatches(ctx.userId));
      if (!ctx.polling) return buildErrorMessage(NO_ALERTS);
      return watch(cmd.id, ctx);
    case 'unwatch':
      return unwatch(cmd.id, ctx);
    case 'notify':
      return notify(cmd, ctx);
    case 'link':
      return link(cmd, ctx);
  }
}
