/** Commands other than lists: job, help, summary, subscribe, unsubscribe, subscriptions. */
import type { Command } from '../../../src/commands/command';
import { parseCommand } from '../../../src/commands/parse';
import { ANY_JOB } from '../../../src/jobs/job-match';
import { DAY, HOUR, MIDNIGHT, NOW, parse } from './parse-helpers';

const parseCommandAtNow = (text: string) => parseCommand(text, { now: NOW });

const UUID = '23834180-3d0e-4eb2-9913-99abc1f48cd2';

describe('job', () => {
  test.each<[string, string, boolean]>([
    [`job ${UUID}`, UUID, false],
    [`job:${UUID}`, UUID, false],
    [UUID, UUID, false],
    [UUID.toUpperCase(), UUID.toUpperCase(), false],
    ['1a2b3c4d', '1a2b3c4d', false],
    ['1a2b3c', '1a2b3c', false],
    ['1a2b3c4d public', '1a2b3c4d', true],
    ['public job 1a2b3c4d', '1a2b3c4d', true],
    ['job public 1a2b3c4d', '1a2b3c4d', true],
    ['JOB run_abc-123', 'run_abc-123', false],
    ['job:public', 'public', false],
    ['job 1a2b3c4d job:1a2b3c4d', '1a2b3c4d', false],
    ['1795000000000', '1795000000000', false],
  ])('%j → id %j', (text, id, isPublic) => {
    expect(parse(text)).toEqual({ kind: 'job', id, public: isPublic });
  });
});

describe('other commands', () => {
  test.each<[string, Command]>([
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['usage', { kind: 'help' }],
    ['help faild limit 999 <!channel>', { kind: 'help' }],
    ['summary', { kind: 'summary', since: NOW - DAY, public: false }],
    ['summary since 2h', { kind: 'summary', since: NOW - 2 * HOUR, public: false }],
    ['summary since:yesterday public', { kind: 'summary', since: MIDNIGHT - DAY, public: true }],
    ['since 1w summary', { kind: 'summary', since: NOW - 7 * DAY, public: false }],
    ['subscribe', { kind: 'subscribe', statuses: ['completed', 'failed'], match: ANY_JOB, mention: null }],
    ['subscribe failed', { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: null }],
    ['subscribe errored live queued', { kind: 'subscribe', statuses: ['queued', 'running', 'failed'], match: ANY_JOB, mention: null }],
    [
      'subscribe failed mention <!subteam^S0123ABC|@ml-team>',
      { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: '<!subteam^S0123ABC>' },
    ],
    ['subscribe mention:<!subteam^s0123>', { kind: 'subscribe', statuses: ['completed', 'failed'], match: ANY_JOB, mention: '<!subteam^S0123>' }],
    ['subscribe failed mention @ML-Team', { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: '@ml-team' }],
    ['subscribe failed @oncall', { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: '@oncall' }],
    ['subscribe failed mention <@U0123ABC|ada>', { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: '<@U0123ABC>' }],
    ['subscribe failed mention <@w0123abc>', { kind: 'subscribe', statuses: ['failed'], match: ANY_JOB, mention: '<@W0123ABC>' }],
    ['subscribe mention here', { kind: 'subscribe', statuses: ['completed', 'failed'], match: ANY_JOB, mention: '<!here>' }],
    ['subscribe mention @channel', { kind: 'subscribe', statuses: ['completed', 'failed'], match: ANY_JOB, mention: '<!channel>' }],
    ['subscribe mention <!here|here>', { kind: 'subscribe', statuses: ['completed', 'failed'], match: ANY_JOB, mention: '<!here>' }],
    ['unsubscribe', { kind: 'unsubscribe', statuses: [], target: { by: 'statuses' } }],
    ['unsubscribe all', { kind: 'unsubscribe', statuses: [], target: { by: 'all' } }],
    ['unsubscribe completed', { kind: 'unsubscribe', statuses: ['completed'], target: { by: 'statuses' } }],
    ['subscriptions', { kind: 'subscriptions', all: false }],
    ['subscriptions all', { kind: 'subscriptions', all: true }],
    ['ALL subscriptions', { kind: 'subscriptions', all: true }],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});

describe('bare words that could be two things', () => {
  test.each<[string, 'job' | 'refused', string]>([
    ['12345d', 'job', 'a 6-character hex id wins over "12345 days"'],
    ['123456', 'job', 'six digits are an id, not a page size'],
    ['deadbeef', 'refused', 'hex letters without a digit are a word, not an id'],
    ['1a2b3', 'refused', 'five characters are too short for an id'],
  ])('%j → %s (%s)', (text, expected) => {
    const result = parseCommandAtNow(text);
    if (expected === 'refused') expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, command: { kind: 'job', id: text, public: false } });
  });
});
