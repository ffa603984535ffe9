import type { OverdueRule } from '../../../src/alerts/overdue';
import type { Message } from '../../../src/messages/blocks';
import { slackDate } from '../../../src/messages/mrkdwn';
import { buildOverdueNeedsSubscription, buildOverdueSet, buildOverdueStatus, overdueLine } from '../../../src/messages/overdue-setting';
import { buildNothingToSnooze, buildSnoozed, buildSnoozeEnded, buildSnoozeStatus, snoozeLine, type SnoozedInput } from '../../../src/messages/snooze';
import { buildSubscriptionList, type SubscriptionListInput } from '../../../src/messages/subscriptions';
import type { Snooze, Subscription } from '../../../src/domain/channel';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { HOSTILE, NOW } from './jobs';
import { makeSubscription } from '../../support/subscriptions';
import { expectToContainAll, textOf } from './text';

const MIN = 60_000;
const HOUR = 60 * MIN;
const STARTED = NOW - 30 * MIN;
const ENDS = NOW + 2 * HOUR;
const OFF = '`/hume-jobs snooze off` ends it early.';

function snooze(overrides: Partial<Snooze> = {}): Snooze {
  return { channelId: 'C0123ABC', startedAt: STARTED, endsAt: ENDS, createdBy: 'U0123ABC', ...overrides };
}

function sub(overrides: Partial<Subscription> = {}): Subscription {
  return makeSubscription({ createdAt: NOW, ...overrides });
}

function snoozed(overrides: Partial<SnoozedInput> = {}): Message {
  return buildSnoozed({ snooze: snooze(), by: 'U0123ABC', now: NOW, extended: false, zoneNote: null, ...overrides });
}

function list(overrides: Partial<SubscriptionListInput> = {}): Message {
  return buildSubscriptionList({ subscriptions: [sub()], problems: [], channelId: 'C0123ABC', all: false, ...overrides });
}

const RULE: OverdueRule = { thresholdMs: 30 * MIN, typicalMs: 10 * MIN };

describe('snoozeLine', () => {
  it('gives the end and the start as date tokens, how long is left, and how to end it', () => {
    expect(snoozeLine(snooze(), NOW)).toBe(
      `:zzz: Alerts are snoozed until ${slackDate(ENDS)} (2 h from now), since ${slackDate(STARTED)}. ${OFF}`,
    );
    expect(snoozeLine(snooze(), NOW + 25 * MIN)).toContain('(1 h 35 min from now)');
  });
});

describe('buildSnoozed', () => {
  it('says who snoozed alerts, until when (as a date token), and that one summary follows', () => {
    const message = snoozed();
    expect(validateMessage(message)).toEqual([]);
    expect(allTexts(message.blocks)).toEqual([
      `:zzz: <@U0123ABC> snoozed alerts here until ${slackDate(ENDS)} (2 h from now).`,
      `Nothing is posted here meanwhile; when it ends, one summary of what happened. ${OFF}`,
    ]);
    expect(message.text).toBe('Alerts in this channel are snoozed until 2026-11-28T14:00:00.000Z');
    expect(unsafeMarkup(message)).toEqual(['<@U0123ABC>']);
  });

  it('says the end moved when an existing snooze was extended', () => {
    const message = snoozed({ extended: true, snooze: snooze({ endsAt: NOW + 5 * HOUR }) });
    expect(textOf(message.blocks)).toContain(`:zzz: <@U0123ABC> moved the end of the snooze here until ${slackDate(NOW + 5 * HOUR)} (5 h from now).`);
    expect(textOf(message)).not.toContain('snoozed alerts here');
    expect(message.text).toBe('Alerts in this channel are snoozed until 2026-11-28T17:00:00.000Z');
  });

  it('shows how a time of day was read, when it was', () => {
    const message = snoozed({ zoneNote: '09:00 in your time zone, Europe/Paris' });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message.blocks)).toContain(`until ${slackDate(ENDS)} (2 h from now) (09:00 in your time zone, Europe/Paris).`);
    expect(textOf(snoozed())).not.toContain('time zone');
    // The zone name comes from Slack's users.info: escaped like any text not written by the app.
    expect(textOf(snoozed({ zoneNote: '09:00 in your time zone, <!channel>' }).blocks)).toContain('your time zone, &lt;!channel&gt;)');
  });

  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U0123>', '&lt;@U0123&gt;'],
    ['u0123abc', 'u0123abc'],
  ])('shows the user id %j as text, never as markup', (by, shown) => {
    const message = snoozed({ by });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message.blocks)).toContain(`:zzz: ${shown} snoozed alerts here`);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('stays valid with a 5,000-character hostile user id', () => {
    const message = snoozed({ by: HOSTILE });
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });
});

describe('buildSnoozeEnded', () => {
  it('says how many held updates the summary that follows holds', () => {
    const message = buildSnoozeEnded('U0123ABC', 3);
    expect(validateMessage(message)).toEqual([]);
    expect(allTexts(message.blocks)).toEqual([':bell: <@U0123ABC> ended the snooze: alerts are back on here. A summary of 3 held updates follows.']);
    expect(message.text).toBe('Alerts in this channel are back on. A summary of 3 held updates follows.');
    expect(message.text).not.toBe(buildSnoozeEnded('U0123ABC', 1).text);
    expect(buildSnoozeEnded('U0123ABC', 1).text).toContain('A summary of 1 held update follows.');
  });

  it('says nothing happened when nothing was held', () => {
    const message = buildSnoozeEnded('U0123ABC', 0);
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message.blocks)).toBe(':bell: <@U0123ABC> ended the snooze: alerts are back on here. Nothing happened meanwhile.');
    expect(message.text).toBe('Alerts in this channel are back on. Nothing happened meanwhile.');
    expect(textOf(message)).not.toContain('summary');
  });

  it('escapes a hostile user id', () => {
    const message = buildSnoozeEnded('<!here>', 2);
    expect(textOf(message.blocks)).toContain(':bell: &lt;!here&gt; ended the snooze');
    expect(unsafeMarkup(message)).toEqual([]);
    expect(validateMessage(buildSnoozeEnded(HOSTILE, 1_000_000))).toEqual([]);
    expect(textOf(buildSnoozeEnded('U1', 1_000_000))).toContain('A summary of 1,000,000 held updates follows');
  });
});

describe('buildSnoozeStatus and buildNothingToSnooze', () => {
  it('shows the snooze line when the channel is snoozed', () => {
    const message = buildSnoozeStatus(snooze(), NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(allTexts(message.blocks)).toEqual([snoozeLine(snooze(), NOW)]);
    expect(message.text).toBe('Alerts in this channel are snoozed');
  });

  it('says how to snooze when the channel is not', () => {
    const message = buildSnoozeStatus(null, NOW);
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(textOf(message), [':bell: Alerts here are not snoozed.', '`/hume-jobs snooze 2h`', '`/hume-jobs snooze until 9:00`']);
    expect(message.text).toBe('Alerts in this channel are not snoozed');
  });

  it('explains there is nothing to snooze without alerts', () => {
    const message = buildNothingToSnooze();
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(textOf(message), ['This channel gets no job alerts, so there is nothing to snooze.', '`/hume-jobs subscribe`']);
  });
});

describe('overdueLine', () => {
  it('says overdue alerts are off for 0', () => {
    expect(overdueLine([sub({ overdueMs: 0 })], RULE)).toBe(':alarm_clock: Overdue alerts are off here.');
  });

  it('gives a fixed limit, whatever the kinds and the rule', () => {
    const line = ':alarm_clock: A job queued or running longer than 45 min gets one overdue alert here.';
    expect(overdueLine([sub({ overdueMs: 45 * MIN })], RULE)).toBe(line);
    expect(overdueLine([sub({ overdueMs: 45 * MIN, kinds: ['completed'] })], null)).toBe(line);
  });

  it('follows what is usual when null, with the learnt numbers or what is still missing', () => {
    expect(overdueLine([sub()], RULE)).toBe(':alarm_clock: Overdue alerts follow what is usual: a job gets one after 30 min (jobs here usually take 10 min).');
    expect(overdueLine([sub({ kinds: ['running'] })], null)).toBe(
      ':alarm_clock: Overdue alerts follow what is usual: a job gets one once there is enough recent history to know what is usual (at least 10 finished jobs this week).',
    );
  });

  it('says there are none for a subscription without failed or running', () => {
    for (const kinds of [['completed'], ['queued', 'completed']] as const) {
      expect(overdueLine([sub({ kinds: [...kinds] })], RULE)).toBe(
        ':alarm_clock: No overdue alerts here (they come with `failed` or `running` alerts, or with `/hume-jobs overdue 45m`).',
      );
    }
  });
});

describe('overdue setting replies', () => {
  it('shows the status with how to change it', () => {
    const message = buildOverdueStatus([sub({ overdueMs: 45 * MIN })], null);
    expect(validateMessage(message)).toEqual([]);
    expect(allTexts(message.blocks)[0]).toBe(':alarm_clock: A job queued or running longer than 45 min gets one overdue alert here.');
    expectToContainAll(textOf(message), ['`/hume-jobs overdue 45m`', '`overdue auto`', '`overdue off`']);
    expect(message.text).toBe('Overdue alerts in this channel');
  });

  it('says who changed the setting and what it is now', () => {
    const message = buildOverdueSet([sub({ overdueMs: 0 })], RULE, 'U0123ABC');
    expect(validateMessage(message)).toEqual([]);
    expect(allTexts(message.blocks)[0]).toBe('<@U0123ABC> changed overdue alerts here.\n:alarm_clock: Overdue alerts are off here.');
    expect(message.text).toBe('Overdue alerts in this channel changed');
    expect(unsafeMarkup(message)).toEqual(['<@U0123ABC>']);
  });

  it('escapes a hostile user id', () => {
    const message = buildOverdueSet([sub()], RULE, '<!channel>');
    expect(allTexts(message.blocks)[0]).toMatch(/^&lt;!channel&gt; changed overdue alerts here\./);
    expect(unsafeMarkup(message)).toEqual([]);
    const huge = buildOverdueSet([sub()], RULE, HOSTILE);
    expect(validateMessage(huge)).toEqual([]);
    expect(unsafeMarkup(huge)).toEqual([]);
  });

  it('asks for a subscription first', () => {
    const message = buildOverdueNeedsSubscription();
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(textOf(message), ['This channel gets no job alerts yet.', '`/hume-jobs subscribe` first', '`/hume-jobs overdue 45m`']);
  });
});

describe('buildSubscriptionList with snoozes and overdue limits', () => {
  it('shows this channel’s snooze and its own overdue limit', () => {
    const message = list({ subscriptions: [sub({ overdueMs: 45 * MIN })], snoozes: [snooze()], now: NOW });
    expect(validateMessage(message)).toEqual([]);
    const texts = allTexts(message.blocks);
    expect(texts).toContain(snoozeLine(snooze(), NOW));
    expect(texts).toContain(':alarm_clock: A job queued or running longer than 45 min gets one overdue alert here.');
    expect(textOf(message)).toContain('(2 h from now)');
    expect(message.text).toBe('This channel gets job alerts: completed, failed (snoozed until 2026-11-28T14:00:00.000Z)');
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('says overdue alerts are off when the channel turned them off', () => {
    expect(allTexts(list({ subscriptions: [sub({ overdueMs: 0 })] }).blocks)).toContain(':alarm_clock: Overdue alerts are off here.');
  });

  it('shows neither a snooze nor an overdue line when the channel has neither', () => {
    const message = list({ snoozes: [snooze({ channelId: 'C0999XYZ' })], now: NOW });
    expect(textOf(message)).not.toContain(':zzz:');
    expect(textOf(message)).not.toContain(':alarm_clock:');
    expect(message.text).toBe('This channel gets job alerts: completed, failed');
  });

  it('lists every channel with its overdue limit and snooze', () => {
    const subscriptions = [
      sub({ channelId: 'G0456DEF', kinds: ['failed'], overdueMs: 0 }),
      sub({ channelId: 'C0123ABC', overdueMs: 45 * MIN }),
      sub({ channelId: 'C0999XYZ', kinds: ['running'] }),
    ];
    const snoozes = [snooze({ channelId: 'C0999XYZ', endsAt: NOW + 3 * HOUR }), snooze({ channelId: 'C7777777' })];
    const message = list({ subscriptions, snoozes, all: true, now: NOW });
    expect(validateMessage(message)).toEqual([]);
    expect(textOf(message).split('\n').filter((l) => l.startsWith('• '))).toEqual([
      '• <#C0123ABC> (this channel) — completed, failed · overdue after 45 min',
      `• <#C0999XYZ> — running · :zzz: snoozed until ${slackDate(NOW + 3 * HOUR)}`,
      '• <#G0456DEF> — failed · overdue alerts off',
    ]);
    expect(unsafeMarkup(message)).toEqual(['<#C0123ABC>', '<#C0999XYZ>', '<#G0456DEF>']);
  });
});
