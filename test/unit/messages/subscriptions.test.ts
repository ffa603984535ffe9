import type { StatusKind } from '../../../src/jobs/job';
import type { Message } from '../../../src/messages/blocks';
import { slackDate } from '../../../src/messages/mrkdwn';
import { subscribeChanged } from '../../../src/messages/subscription-changes';
import {
  buildAlreadySubscribed,
  buildCannotPostHere,
  buildNothingToUnsubscribe,
  buildSubscribed,
  buildSubscriptionList,
  buildUnsubscribed,
  channelLink,
  type SubscriptionListInput,
} from '../../../src/messages/subscriptions';
import type { ChannelProblem, Subscription } from '../../../src/domain/channel';
import { unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { HOSTILE, NOW } from './jobs';
import { makeSubscription } from '../../support/subscriptions';
import { expectToContainAll, textOf } from './text';

function sub(overrides: Partial<Subscription> = {}): Subscription {
  return makeSubscription({ createdAt: NOW, ...overrides });
}

function problem(channelId: string, error: string): ChannelProblem {
  return { channelId, error, at: NOW };
}

function list(overrides: Partial<SubscriptionListInput> = {}): Message {
  return buildSubscriptionList({ subscriptions: [sub()], problems: [], channelId: 'C0123ABC', all: false, ...overrides });
}

/** Live markup other than date tokens: channel links are expected, nothing else is. */
function liveMarkup(message: Message): string[] {
  return unsafeMarkup(message).filter((m) => !/^<#[CGD][A-Z0-9]+>$/.test(m));
}

describe('channelLink', () => {
  it.each([
    ['C0123ABC', '<#C0123ABC>'],
    ['G0123', '<#G0123>'],
    ['D0123', '<#D0123>'],
    ['c0123', 'c0123'],
    ['X0123', 'X0123'],
    ['C', 'C'],
    ['C0123>|<!here', 'C0123&gt;|&lt;!here'],
    ['C'.repeat(30), 'C'.repeat(30)],
  ])('%j → %j', (id, expected) => {
    expect(channelLink(id)).toBe(expected);
  });
});

describe('buildSubscriptionList: this channel', () => {
  it('says which kinds alert here and who failures mention, in words that ping nobody', () => {
    const message = list({ subscriptions: [sub({ mention: '<!here>' })] });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message)).toContain(
      'This channel gets an alert when a job is :white_check_mark: completed or :x: failed. Failures mention @here.',
    );
    expect(textOf(message)).toContain(`Subscribed since ${slackDate(NOW)}`);
    expect(message.text).toBe('This channel gets job alerts: completed, failed');
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it.each([
    ['<!channel>', '@channel'],
    ['<!subteam^S0123>', 'the user group `S0123`'],
    ['<@U0123>', 'the person `U0123`'],
    ['@data-team', '@data-team as plain text, which pings nobody (`/hume-jobs subscribe mention @data-team` makes it ping)'],
    ['<!everyone>', '&lt;!everyone&gt;'],
  ])('describes the mention %j as %j', (mention, words) => {
    const message = list({ subscriptions: [sub({ mention, kinds: ['queued', 'running', 'completed', 'failed'] })] });
    expect(textOf(message)).toContain(
      `:hourglass_flowing_sand: queued, :arrows_counterclockwise: running, :white_check_mark: completed or :x: failed. Failures mention ${words}.`,
    );
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('reports a delivery problem and what to do about it', () => {
    const message = list({ problems: [problem('C0123ABC', 'not_in_channel'), problem('C999', 'is_archived')] });
    expect(textOf(message)).toContain(
      ":warning: Can't post here: `not_in_channel` — invite the app with `/invite @hume-jobs`, then run `/hume-jobs subscribe` again",
    );
    expect(textOf(message)).not.toContain('is_archived');
    expect(message.text).toBe("This channel gets job alerts: completed, failed (can't post here: not_in_channel)");
  });

  it.each([
    ['is_archived', 'the channel is archived: unarchive it'],
    ['channel_not_found', 'if it is a private channel, invite the app with `/invite @hume-jobs`'],
    ['ratelimited<!here>', 'check that the app may post there'],
  ])('advises on %s', (error, advice) => {
    const message = list({ problems: [problem('C0123ABC', error)] });
    expect(textOf(message)).toContain(advice);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('explains how to subscribe when the channel gets nothing', () => {
    for (const subscriptions of [[], [sub({ channelId: 'C999' })], [sub({ kinds: [] })]]) {
      const message = list({ subscriptions });
      expect(validateMessage(message)).toEqual([]);
      expectToContainAll(textOf(message), ['This channel gets no job alerts.', '`/hume-jobs subscribe`', '`/hume-jobs subscribe failed mention @team`']);
      expect(message.text).toBe('This channel gets no job alerts');
    }
  });
});

describe('buildSubscriptionList: all channels', () => {
  const subscriptions = [
    sub({ channelId: 'C0123ABC', mention: '<!subteam^S7>' }),
    sub({ channelId: 'G0456DEF', kinds: ['failed'] }),
    sub({ channelId: 'not a channel <!here>', kinds: ['running'] }),
  ];
  const message = list({ subscriptions, all: true, problems: [problem('G0456DEF', 'not_in_channel')] });
  const lines = textOf(message).split('\n').filter((l) => l.startsWith('• '));

  it('has one line per channel, those that cannot be posted to first', () => {
    expect(validateMessage(message)).toEqual([]);
    expect(lines).toEqual([
      "• <#G0456DEF> — failed · :warning: can't post: `not_in_channel` — invite the app with `/invite @hume-jobs`",
      '• <#C0123ABC> (this channel) — completed, failed · failures mention the user group `S7`',
      '• not a channel &lt;!here&gt; — running',
    ]);
    expect(textOf(message)).toContain("3 channels subscribed · 1 can't be posted to");
  });

  it('links only valid channel ids', () => {
    expect(unsafeMarkup(message)).toEqual(['<#G0456DEF>', '<#C0123ABC>']);
  });

  it('says how to subscribe when no channel gets alerts', () => {
    const empty = list({ subscriptions: [], all: true });
    expect(validateMessage(empty)).toEqual([]);
    expectToContainAll(textOf(empty), ['No channel gets job alerts yet.', '`/hume-jobs subscribe`']);
  });

  it('fits hundreds of channels and hostile values, and counts the ones left out', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      sub({ channelId: i % 2 === 0 ? `C${String(i).padStart(9, '0')}` : `${HOSTILE}${i}`, mention: i % 3 === 0 ? HOSTILE : '<!here>' }),
    );
    const problems = many.map((s) => problem(s.channelId, HOSTILE));
    const big = list({ subscriptions: many, problems, all: true, channelId: HOSTILE });
    expect(validateMessage(big)).toEqual([]);
    expect(liveMarkup(big)).toEqual([]);
    const text = textOf(big);
    const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`and ${400 - shown} more`);
    expect(text).toContain('400 channels subscribed');
  });
});

describe('buildSubscribed', () => {
  it('says who subscribed the channel and what it now gets, describing the mention without pinging it', () => {
    const message = buildSubscribed({ sub: sub({ mention: '<!channel>' }), before: null, by: 'U0ADA' });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message)).toContain(
      ':bell: <@U0ADA> subscribed this channel to job alerts.\nThis channel now gets an alert when a job is :white_check_mark: completed or :x: failed. Failures mention @channel.',
    );
    expect(message.text).toBe('This channel now gets job alerts: completed, failed');
    expect(unsafeMarkup(message).filter((m) => m !== '<@U0ADA>')).toEqual([]);
  });

  it('says what was added and which mention was set, by name when it was looked up', () => {
    const before = sub({ kinds: ['completed'] });
    const message = buildSubscribed({ sub: sub({ mention: '<!subteam^S7>' }), before, by: 'U0ADA', mentionName: '@oncall' });
    expect(textOf(message)).toContain('<@U0ADA> added alerts for :x: failed and set failures to mention @oncall.');
    expect(textOf(message)).toContain('Failures mention @oncall.');
    expect(JSON.stringify(message)).not.toContain('<!subteam^S7>');
  });

  it('leaves the mention out when there is none, and escapes a strange one', () => {
    expect(textOf(buildSubscribed({ sub: sub(), before: null, by: 'U1' }))).not.toContain('mention');
    const hostile = buildSubscribed({ sub: sub({ mention: HOSTILE }), before: null, by: 'U1' });
    expect(validateMessage(hostile)).toEqual([]);
    expect(unsafeMarkup(hostile).filter((m) => m !== '<@U1>')).toEqual([]);
  });

  it('tells the caller when nothing changed', () => {
    expect(subscribeChanged({ sub: sub(), before: sub(), by: 'U1' })).toBe(false);
    expect(subscribeChanged({ sub: sub(), before: sub(), by: 'U1', resumed: true })).toBe(true);
    expect(textOf(buildAlreadySubscribed(sub()))).toContain('Nothing changed: this channel already gets an alert when a job is');
  });

  it('describes a plain @handle stored by an older version as text that pings nobody, with the fix', () => {
    const text = textOf(list({ subscriptions: [sub({ mention: '@oncall' })] }));
    expect(text).toContain('Failures mention @oncall as plain text, which pings nobody (`/hume-jobs subscribe mention @oncall` makes it ping).');
  });
});

describe('buildUnsubscribed', () => {
  it.each([[], [sub({ kinds: [] })]])('says who turned alerts off and how to turn them back on (%#)', (...remaining) => {
    const message = buildUnsubscribed({ remaining, removed: ['completed', 'failed'], by: 'U0ADA' });
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(textOf(message), ['<@U0ADA> turned job alerts off. This channel no longer gets job alerts.', '`/hume-jobs subscribe` turns them back on.']);
  });

  it('says when a snooze ended with the alerts, and what it held', () => {
    const off = (droppedBySnooze: number | null) => buildUnsubscribed({ remaining: [], removed: ['failed'], by: 'U1', droppedBySnooze });
    expect(textOf(off(null))).not.toContain('snooze');
    expect(textOf(off(0))).toContain('This channel no longer gets job alerts. Its snooze ended too.');
    expect(off(12).text).toBe('This channel no longer gets job alerts. Its snooze ended too, and the 12 alerts it held will not be posted.');
  });

  it('says what stopped and what is left', () => {
    const kinds: StatusKind[] = ['failed'];
    const message = buildUnsubscribed({ remaining: [sub({ kinds, mention: '<!subteam^S7>' })], removed: ['completed'], by: 'U0ADA' });
    expect(textOf(message)).toContain(
      '<@U0ADA> stopped alerts for :white_check_mark: completed.\nThis channel now only gets an alert when a job is :x: failed. Failures mention the user group `S7`.',
    );
    expect(message.text).toBe('This channel now gets job alerts only for: failed');
  });

  it('tells the caller when there was nothing to unsubscribe', () => {
    expect(textOf(buildNothingToUnsubscribe([], []))).toContain('Nothing changed: this channel gets no job alerts.');
    expect(textOf(buildNothingToUnsubscribe([sub({ kinds: ['failed'] })], ['completed']))).toContain(
      'Nothing changed: this channel gets no alerts for :white_check_mark: completed. It gets an alert when a job is :x: failed.',
    );
  });
});

describe('buildCannotPostHere', () => {
  it('tells the user to invite the app to a private channel it is not in', () => {
    const message = buildCannotPostHere('G0123', 'not_in_channel');
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message)).toContain(
      ":warning: I can't post in <#G0123> (`not_in_channel`), so nothing was subscribed. Invite the app with `/invite @hume-jobs`, then run `/hume-jobs subscribe` again.",
    );
    expect(message.text).toBe("I can't post job alerts in this channel (not_in_channel)");
  });

  it('advises on an archived channel', () => {
    expect(textOf(buildCannotPostHere('C1', 'is_archived'))).toContain('The channel is archived: unarchive it');
  });

  it('escapes a hostile channel id and error', () => {
    const message = buildCannotPostHere(HOSTILE, HOSTILE);
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });
});
