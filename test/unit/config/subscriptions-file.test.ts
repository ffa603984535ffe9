import { readSubscriptionsFile } from '../../../src/config/subscriptions-file';
import { isKnownZone } from '../../../src/domain/digest-schedule';
import { ANY_JOB } from '../../../src/jobs/job-match';

const read = (text: string, source: 'batch' | 'runs' = 'runs') => readSubscriptionsFile(text, source, isKnownZone);

describe('readSubscriptionsFile', () => {
  it('reads channels with their subscriptions, board, overdue limit and digest', () => {
    const result = read(`
channels:
  C0123ABCD:
    subscriptions:
      - statuses: [failed]
        endpoint: audio
        mention: S0ONCALL1
      - statuses: [completed, errored]
        user: usr_7Hq2
        mode: realtime
    board: true
    overdue: 45m
    digest: { schedule: "weekdays 9:00", timezone: Europe/Paris }
  G0PRIVATE9:
    overdue: off
`);
    expect(result).toEqual({
      ok: true,
      settings: {
        channels: [
          {
            channelId: 'C0123ABCD',
            subscriptions: [
              { kinds: ['failed'], match: { ...ANY_JOB, endpoint: 'audio' }, mention: '<!subteam^S0ONCALL1>' },
              { kinds: ['completed', 'failed'], match: { ...ANY_JOB, userId: 'usr_7Hq2', mode: 'realtime' }, mention: null },
            ],
            board: true,
            overdueMs: 45 * 60_000,
            digest: { cadence: 'weekdays', weekday: null, minutes: 540, timeZone: 'Europe/Paris' },
          },
          { channelId: 'G0PRIVATE9', subscriptions: [], board: null, overdueMs: 0, digest: undefined },
        ],
      },
    });
  });

  it('an empty file declares nothing', () => {
    expect(read('')).toEqual({ ok: true, settings: { channels: [] } });
    expect(read('channels: {}\n')).toEqual({ ok: true, settings: { channels: [] } });
  });

  it('lists every problem at once, each with where it is and what would work', () => {
    const result = read(`
chanels: {}
channels:
  general:
    board: yes please
  C0123ABCD:
    subscribtions: []
    subscriptions:
      - statuses: [faild]
        model: face
        mention: "@oncall"
      - endpoint: radio
    overdue: 10s
    digest: { schedule: "daily 9:00", timezone: Mars/Olympus }
`);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      'the top level: `chanels` is not a setting here (did you mean `channels`?); use `channels`.',
      "channels.general: `general` is not a channel ID; use the ID from the channel's details (like C0123ABCD), not its name.",
      'channels.C0123ABCD: `subscribtions` is not a setting here (did you mean `subscriptions`?); use `subscriptions`, `board`, `overdue`, `digest`.',
      'channels.C0123ABCD.subscriptions[1].statuses: `faild` is not a status (did you mean `failed`?); use `queued`, `running`, `completed`, `failed`.',
      'channels.C0123ABCD.subscriptions[1].model: runs name no models; only HUME_SOURCE=batch can filter by model.',
      expect.stringMatching(/^channels\.C0123ABCD\.subscriptions\[1\]\.mention: `@oncall` cannot be mentioned from a file; use a user group's ID/),
      'channels.C0123ABCD.subscriptions[2].statuses: must list statuses, like `[failed]` or `[completed, failed]`.',
      'channels.C0123ABCD.subscriptions[2].endpoint: `radio` is not one of `audio`, `video`.',
      'channels.C0123ABCD.overdue: `10s` is not an overdue limit; use a duration from 1m to 30d (like `45m`), `auto` or `off`.',
      'channels.C0123ABCD.digest.timezone: `Mars/Olympus` is not a time zone; use an IANA name like `Europe/Paris` or `UTC`.',
    ]);
  });

  it('filters a source cannot apply are refused in words', () => {
    const result = read('channels:\n  C0123ABCD:\n    subscriptions:\n      - { statuses: [failed], endpoint: audio }\n', 'batch');
    expect(result).toEqual({ ok: false, problems: ['channels.C0123ABCD.subscriptions[1].endpoint: batch jobs have no endpoint; only HUME_SOURCE=runs can filter by it.'] });
    expect(read('channels:\n  C0123ABCD:\n    subscriptions:\n      - { statuses: [failed], model: face }\n', 'batch').ok).toBe(true);
  });

  it('refuses what is not YAML, duplicate keys and aliases (a small file must not expand without bound)', () => {
    expect(read('channels: [unclosed').ok).toBe(false);
    expect(read('channels:\n  C0123ABCD: {}\n  C0123ABCD: {}\n').ok).toBe(false);
    const bomb = 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nchannels: {}\n';
    expect(read(bomb).ok).toBe(false);
    expect(read('x'.repeat(1_000_001)).ok).toBe(false);
    expect(read('- just\n- a list\n')).toEqual({ ok: false, problems: ['the file must be a mapping with one key, `channels`.'] });
  });

  it('reads a digest schedule as `/hume-jobs digest` does, and says what is wrong with one it cannot', () => {
    const file = (digest: string) => `channels:\n  C0123ABCD:\n    digest: ${digest}\n`;
    expect(read(file('{ schedule: "weekly fri 17:30", timezone: UTC }'))).toMatchObject({ ok: true, settings: { channels: [{ digest: { cadence: 'weekly', weekday: 5, minutes: 1050, timeZone: 'UTC' } }] } });
    expect(read(file('off'))).toMatchObject({ ok: true, settings: { channels: [{ digest: 'off' }] } });
    const bad = read(file('{ schedule: "fortnightly 9:00", timezone: UTC }'));
    expect(bad.ok ? [] : bad.problems).toEqual([expect.stringMatching(/^channels\.C0123ABCD\.digest\.schedule: `fortnightly 9:00` is not a digest schedule \(.*\); use `daily 9:00`, `weekdays 9:00` or `weekly mon 9:00`\.$/)]);
  });
});

