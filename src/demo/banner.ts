/** What the demo says first: what is running, where things go, and what to type. */
import type { SourceName } from '../jobs/job';
import { formatDuration } from '../messages/mrkdwn';
import type { Style } from './style';

export interface BannerFacts {
  source: SourceName;
  channel: string;
  pollIntervalMs: number;
  speed: number;
  dataDir: string;
  interactive: boolean;
  lingerMs: number;
}

export function bannerLines(facts: BannerFacts, style: Style): string[] {
  const label = (text: string) => style.bold(text.padEnd(7));
  const pace = `a new job every few seconds${facts.speed === 1 ? '' : `, each moving ${facts.speed}× faster (DEMO_SPEED)`}`;
  const ending = facts.interactive
    ? 'exit or Ctrl-C stops the demo.'
    : `Reading commands from a pipe; after the last one, alerts keep showing for ${facts.lingerMs / 1000} s (DEMO_DURATION).`;
  return [
    style.bold(style.underline('hume-jobs demo: the real app, offline')),
    `${label('Hume')} a simulated ${facts.source} API with 6 hours of job history, ${pace}`,
    `${label('Slack')} a stand-in workspace; you are ${style.accent('@you')} in ${style.accent(`#${facts.channel}`)}, which gets alerts`,
    `${label('App')} hume-jobs as in production, polling every ${formatDuration(facts.pollIntervalMs)}; SQLite and logs in ${style.dim(facts.dataDir)}`,
    '',
    `${label('Try')} failed · running oldest · summary since 6h · job <id> · help · a typo like ${style.code('faild')}`,
    `${label('')} board (a message kept current) · snooze 1m · snooze off · overdue 1m · subscriptions`,
    `${label('')} next / prev press the last list's buttons · details 2 opens the 2nd job's Details`,
    `${label('')} ${ending}`,
    '',
  ];
}
