/** Filtered subscriptions: which filter words `subscribe` and `unsubscribe` take, and what each mistake is told. */
import type { Command } from '../../../src/commands/command';
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import { parse, parseFails } from './parse-helpers';

const match = (m: Partial<JobMatch>): JobMatch => ({ ...ANY_JOB, ...m });

describe('subscribe with filters', () => {
  test.each<[string, Command]>([
    ['subscribe failed endpoint audio', { kind: 'subscribe', statuses: ['failed'], match: match({ endpoint: 'audio' }), mention: null }],
    [
      'subscribe failed user usr_7Hq2 mode realtime',
      { kind: 'subscribe', statuses: ['failed'], match: match({ userId: 'usr_7Hq2', mode: 'realtime' }), mention: null },
    ],
    ['subscribe failed model face', { kind: 'subscribe', statuses: ['failed'], match: match({ model: 'face' }), mention: null }],
    ['subscribe model:prosody', { kind: 'subscribe', statuses: ['completed', 'failed'], match: match({ model: 'prosody' }), mention: null }],
    ['endpoint video subscribe @oncall', { kind: 'subscribe', statuses: ['completed', 'failed'], match: match({ endpoint: 'video' }), mention: '@oncall' }],
    ['subscribe failed MODEL NER', { kind: 'subscribe', statuses: ['failed'], match: match({ model: 'ner' }), mention: null }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));
});

describe('unsubscribe names one subscription', () => {
  test.each<[string, Command]>([
    ['unsubscribe 2', { kind: 'unsubscribe', statuses: [], target: { by: 'number', number: 2 } }],
    ['unsubscribe 2 failed', { kind: 'unsubscribe', statuses: ['failed'], target: { by: 'number', number: 2 } }],
    ['unsubscribe 30', { kind: 'unsubscribe', statuses: [], target: { by: 'number', number: 30 } }],
    ['unsubscribe failed endpoint audio', { kind: 'unsubscribe', statuses: ['failed'], target: { by: 'match', match: match({ endpoint: 'audio' }) } }],
    ['unsubscribe model face', { kind: 'unsubscribe', statuses: [], target: { by: 'match', match: match({ model: 'face' }) } }],
    ['unsubscribe failed', { kind: 'unsubscribe', statuses: ['failed'], target: { by: 'statuses' } }],
    ['unsubscribe all', { kind: 'unsubscribe', statuses: [], target: { by: 'all' } }],
    // A long run of digits is a subscription's number here (the handler says there is none), not a job id.
    ['unsubscribe 123456', { kind: 'unsubscribe', statuses: [], target: { by: 'number', number: 123456 } }],
    ['123456 unsubscribe', { kind: 'unsubscribe', statuses: [], target: { by: 'number', number: 123456 } }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));
});

describe('what a subscription cannot have, and typos, are told in words', () => {
  test.each<[string, string]>([
    [
      'subscribe failed since 2h',
      "`since 2h` doesn't go with `subscribe`: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe failed 2h',
      "`2h` doesn't go with `subscribe`: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe before yesterday',
      "`before yesterday` doesn't go with `subscribe`: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe failed limit 5',
      "`limit 5` doesn't go with `subscribe`: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe failed 5',
      "`5` doesn't go with `subscribe`: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe oldest',
      "`oldest` doesn't go with `subscribe`: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'subscribe sort ended',
      "`sort ended` doesn't go with `subscribe`: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. `subscribe failed`.",
    ],
    [
      'unsubscribe since 2h',
      "`since 2h` doesn't go with `unsubscribe`: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. `unsubscribe failed`.",
    ],
    ['subscribe failed model fcae', "`fcae` isn't one of Hume's models: did you mean `face`?"],
    ['subscribe model', "`model` needs one of Hume's models: `face`, `burst`, `prosody`, `language`, `ner` or `facemesh`, e.g. `model face`."],
    ['subscribe model gpt', "`gpt` isn't one of Hume's models: use `face`, `burst`, `prosody`, `language`, `ner` or `facemesh`, e.g. `model face`."],
    ['subscribe failed prosody', '`prosody` needs its key: write `model prosody`.'],
    ['subscribe failed endpoint audo', "`audo` isn't an endpoint: did you mean `audio`?"],
    ['subscribe model face model burst', '`model face` and `model burst` both set the model: keep one.'],
    ['failed model face', "`model face` doesn't go with a job list: use it with subscribe, unsubscribe or notify me, e.g. `/hume-jobs subscribe model face`."],
    ['unsubscribe 2 endpoint audio', '`2` and `endpoint audio` both set which subscription goes: keep one.'],
    ['unsubscribe all 2', '`all` and `2` both set which subscription goes: keep one.'],
    ['unsubscribe all model face', '`all` and `model face` both set which subscription goes: keep one.'],
    ['unsubscribe 1 2', '`1` and `2` both set which subscription: keep one.'],
    ['unsubscribe 0', "`0` isn't a subscription's number: they start at 1, as `subscriptions` lists them, e.g. `unsubscribe 1`."],
    ['unsubscribe 99999999999999999999', "`99999999999999999999` isn't a subscription's number: use the number `subscriptions` shows, e.g. `unsubscribe 1`."],
    ['unsubscribe -1', "`-1` isn't a subscription's number: use the number `subscriptions` shows, e.g. `unsubscribe 1`."],
    ['unsubscribe 1.5', "`1.5` isn't a subscription's number: use the number `subscriptions` shows, e.g. `unsubscribe 1`."],
    ['unsubscribe 1e3', "`1e3` isn't a subscription's number: use the number `subscriptions` shows, e.g. `unsubscribe 1`."],
    ['unsubscribe limit 2', "`limit 2` doesn't go with `unsubscribe`: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. `unsubscribe failed`."],
    // A bare number is still a page size everywhere else, with the same refusals as before.
    ['30', '`30` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`.'],
    ['snooze 2', "`2` doesn't go with `snooze`: use it with job lists, e.g. `/hume-jobs 2`."],
  ])('%j', (text, message) => expect(parseFails(text).message).toBe(message));

  test('outside unsubscribe, digits and hex stay job ids', () => {
    expect(parse('1a2b3c4d')).toEqual({ kind: 'job', id: '1a2b3c4d', public: false });
    expect(parse('123456')).toEqual({ kind: 'job', id: '123456', public: false });
    expect(parse('watch 99999999999999999999')).toEqual({ kind: 'watch', id: '99999999999999999999' });
    expect(parse('job 0a1b2c3d-4e5f-6789-abcd-ef0123456789')).toEqual({ kind: 'job', id: '0a1b2c3d-4e5f-6789-abcd-ef0123456789', public: false });
  });

  test('a model typo is suggested like other words', () => {
    expect(parseFails('subscribe failed model prosdy')).toMatchObject({ word: 'prosdy', suggestion: 'prosody' });
  });
});
