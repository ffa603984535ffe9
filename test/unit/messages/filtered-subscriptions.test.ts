/** What a channel with several or filtered subscriptions is told: listed, subscribed, unsubscribed, and asked which. */
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import { mentionMarkup } from '../../../src/messages/alerts';
import { overdueLine } from '../../../src/messages/overdue-setting';
import { buildAppHome } from '../../../src/messages/app-home';
import { summarize } from '../../../src/reports/summarize-jobs';
import { slackDate } from '../../../src/messages/mrkdwn';
import { buildNoSuchFilters, buildNoSuchNumber, buildWhichSubscription } from '../../../src/messages/subscription-picks';
import { buildNothingToUnsubscribe, buildSubscribed, buildSubscriptionList, buildUnsubscribed } from '../../../src/messages/subscriptions';
import type { Subscription } from '../../../src/domain/channel';
import { unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { makeSubscription } from '../../support/subscriptions';
import { HOSTILE, NOW } from './jobs';
import { textOf } from './text';

const AUDIO: JobMatch = { ...ANY_JOB, endpoint: 'audio' };
const MINE: JobMatch = { ...ANY_JOB, mode: 'realtime', userId: 'usr_7Hq2' };
const sub = (overrides: Partial<Subscription> = {}): Subscription => makeSubscription({ createdAt: NOW, ...overrides });
const plain = sub({ kinds: ['completed', 'failed'], createdBy: 'U0ADA' });
const audio = sub({ kinds: ['failed'], match: AUDIO, mention: '<!subteam^S7>', createdBy: 'U0BOB' });
const mine = sub({ kinds: ['running', 'failed'], match: MINE });

describe('subscriptions in this channel', () => {
  it('numbers each subscription with its statuses, filters, mention, who set it and when', () => {
    const message = buildSubscriptionList({ subscriptions: [plain, audio, mine], problems: [], channelId: 'C0123ABC', all: false });
    expect(validateMessage(message)).toEqual([]);
    const text = textOf(message);
    expect(text).toContain('This channel has 3 subscriptions:');
    expect(text).toContain(`*1.* An alert when a job is :white_check_mark: completed or :x: failed. _Set by <@U0ADA>, ${slackDate(NOW)}._`);
    expect(text).toContain(`*2.* An alert when a job with \`endpoint audio\` is :x: failed. Failures mention the user group \`S7\`. _Set by <@U0BOB>, ${slackDate(NOW)}._`);
    expect(text).toContain('*3.* An alert when a job with `mode realtime` and `user usr_7Hq2` is :arrows_counterclockwise: running or :x: failed.');
    expect(text).toContain('`/hume-jobs unsubscribe 2` stops one by its number');
    expect(message.text).toBe('This channel has 3 subscriptions to job alerts');
    // People are named only in this reply to the caller; nothing else is live markup.
    expect(unsafeMarkup(message).filter((m) => !/^<@U0(ADA|BOB|1)>$/.test(m) && !m.startsWith('<!date'))).toEqual([]);
  });

  it('shows one filtered subscription numbered too, so its filters are never hidden', () => {
    const text = textOf(buildSubscriptionList({ subscriptions: [audio], problems: [], channelId: 'C0123ABC', all: false }));
    expect(text).toContain('This channel has 1 subscription:\n*1.* An alert when a job with `endpoint audio` is :x: failed.');
  });

  it('escapes a hostile filter value', () => {
    const message = buildSubscriptionList({ subscriptions: [sub({ match: { ...ANY_JOB, userId: HOSTILE } })], problems: [], channelId: 'C0123ABC', all: false });
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(message).filter((m) => m !== '<@U1>' && !m.startsWith('<!date'))).toEqual([]);
  });
});

describe('subscriptions all and App Home', () => {
  const everywhere = [plain, audio, mine, sub({ channelId: 'C0OTHER', kinds: ['failed'], match: { ...ANY_JOB, model: 'face' } })];

  it('one line per channel with each of its subscriptions and their filters; channels counted once', () => {
    const text = textOf(buildSubscriptionList({ subscriptions: everywhere, problems: [], channelId: 'C0123ABC', all: true }));
    expect(text.split('\n').filter((l) => l.startsWith('• '))).toEqual([
      '• <#C0123ABC> (this channel) — completed, failed; failed (`endpoint audio`) · failures mention the user group `S7`; running, failed (`mode realtime` and `user usr_7Hq2`)',
      '• <#C0OTHER> — failed (`model face`)',
    ]);
    expect(text).toContain('2 channels subscribed');
  });

  it('App Home shows the same lines', () => {
    const home = buildAppHome({ summary: summarize([], NOW - 86_400_000, NOW), active: [], subscriptions: everywhere, problems: [], now: NOW, polling: true });
    expect(textOf(home)).toContain('failed (`endpoint audio`) · failures mention the user group `S7`');
  });
});

describe('subscribe and unsubscribe with several subscriptions', () => {
  it('a new one is numbered and the channel’s whole list is shown, without naming anyone', () => {
    const message = buildSubscribed({ sub: audio, before: null, all: [plain, audio], by: 'U0ADA' });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message)).toContain('<@U0ADA> added subscription 2.\nThis channel now has 2 subscriptions:\n*1.* An alert when a job is');
    expect(textOf(message)).not.toContain('Set by');
    expect(message.text).toBe('This channel now has 2 subscriptions to job alerts');
  });

  it('extending one says which', () => {
    const before = { ...audio, kinds: ['completed' as const], mention: null };
    expect(textOf(buildSubscribed({ sub: audio, before, all: [plain, audio], by: 'U0ADA' }))).toContain('<@U0ADA> added alerts for :x: failed to subscription 2 and set failures of subscription 2 to mention the user group `S7`.');
  });

  it('stopping a filtered one names its filters and lists what is left', () => {
    const message = buildUnsubscribed({ remaining: [plain, mine], removed: ['failed'], from: audio, by: 'U0ADA' });
    expect(textOf(message)).toContain('<@U0ADA> stopped alerts for :x: failed of jobs with `endpoint audio`.\nThis channel now has 2 subscriptions:');
    const last = buildUnsubscribed({ remaining: [plain], removed: ['failed'], from: audio, by: 'U0ADA' });
    expect(textOf(last)).toContain('This channel now only gets an alert when a job is :white_check_mark: completed or :x: failed.');
  });

  it('nothing to stop: says which subscription lacks the status, or that none has it', () => {
    expect(textOf(buildNothingToUnsubscribe([plain, audio], ['queued'], audio))).toContain('Nothing changed: subscription 2 has no alerts for :hourglass_flowing_sand: queued.');
    expect(textOf(buildNothingToUnsubscribe([plain, audio], ['queued']))).toContain('Nothing changed: no subscription here has alerts for :hourglass_flowing_sand: queued. This channel has 2 subscriptions:');
  });

  it('asks which one when the words fit several, with the ways to name one', () => {
    const message = buildWhichSubscription([plain, audio], [plain, audio, mine], ['failed']);
    expect(validateMessage(message)).toEqual([]);
    const text = textOf(message);
    expect(text).toContain('Nothing changed: more than one subscription here has alerts for :x: failed (1, 2), so I did not guess which you meant.');
    expect(text).toContain('Name one by its number, e.g. `/hume-jobs unsubscribe 2` or by its filters, e.g. `/hume-jobs unsubscribe endpoint audio`; `/hume-jobs unsubscribe all` stops every one.');
  });

  it('a number or filters that name no subscription', () => {
    expect(textOf(buildNoSuchNumber(4, [plain, audio]))).toContain('there is no subscription 4 here. This channel has 2 subscriptions:');
    expect(textOf(buildNoSuchFilters({ ...ANY_JOB, endpoint: 'video' }, [plain, audio]))).toContain('no subscription here is for jobs with `endpoint video`.');
  });
});

describe('the overdue line of a channel with filtered subscriptions', () => {
  const limited = (subs: Subscription[]) => subs.map((s) => ({ ...s, overdueMs: 45 * 60_000 }));
  it.each<[string, Subscription[], string]>([
    ['a limit, filtered subscriptions only', limited([audio, mine]), ':alarm_clock: A job these subscriptions cover that is queued or running longer than 45 min gets one overdue alert here.'],
    ['a limit, and one subscription about every job', limited([plain, audio]), ':alarm_clock: A job queued or running longer than 45 min gets one overdue alert here.'],
    ['learnt, from the filtered one that follows failures', [sub({ kinds: ['completed'] }), audio], ':alarm_clock: Overdue alerts follow what is usual: a job these subscriptions cover gets one after 30 min (jobs here usually take 10 min).'],
  ])('%s', (_name, subs, line) => {
    expect(overdueLine(subs, { thresholdMs: 30 * 60_000, typicalMs: 10 * 60_000 })).toBe(line);
  });
});

describe('mentions of several subscriptions', () => {
  it.each([
    ['<!subteam^S1> <@U2>', '<!subteam^S1> <@U2>'],
    ['<!subteam^S1> @oncall', '<!subteam^S1> @oncall'],
    ['<!here> <!everyone>', '<!here> &lt;!everyone&gt;'],
    ['<!here> ', '&lt;!here&gt;'],
  ])('%j is shown as %j: each mention on its own', (mention, shown) => {
    expect(mentionMarkup(mention)).toBe(shown);
  });
});
