/** watch, unwatch, notify me and link: what each form means, and what each mistake is told. */
import type { Command } from '../../../src/commands/command';
import { ANY_JOB } from '../../../src/jobs/job-match';
import { parse, parseFails } from '../commands/parse-helpers';

const ID = '1a2b3c4d-0000-4000-8000-000000000001';

describe('watch and unwatch', () => {
  test.each<[string, Command]>([
    ['watch', { kind: 'watch', id: null }],
    ['watch 1a2b3c4d', { kind: 'watch', id: '1a2b3c4d' }],
    [`watch ${ID}`, { kind: 'watch', id: ID }],
    ['watch:1a2b3c4d', { kind: 'watch', id: '1a2b3c4d' }],
    ['1a2b3c4d watch', { kind: 'watch', id: '1a2b3c4d' }],
    ['unwatch 1a2b3c4d', { kind: 'unwatch', id: '1a2b3c4d' }],
    ['unwatch all', { kind: 'unwatch', id: null }],
    ['UNWATCH ALL', { kind: 'unwatch', id: null }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  test.each<[string, RegExp]>([
    ['unwatch', /`unwatch` needs a job id: .*or `all`, e\.g\. `unwatch 1a2b3c4d`/],
    ['unwatch 1a2b3c4d all', /`unwatch 1a2b3c4d` and `all` both set which watches end/],
    ['watch failed', /`failed` doesn't go with `watch`/],
    ['watch 1a2b3c4d since 2h', /`since 2h` doesn't go with `watch`/],
    ['watch bad!id', /isn't a job id/],
  ])('%j is refused: %s', (text, message) => expect(parseFails(text).message).toMatch(message));
});

describe('notify me', () => {
  const set = (statuses: Extract<Command, { kind: 'notify'; action: 'set' }>['statuses'], match = {}, mine = false): Command => ({
    kind: 'notify',
    action: 'set',
    statuses,
    match: { ...ANY_JOB, ...match },
    mine,
  });
  test.each<[string, Command]>([
    ['notify me', { kind: 'notify', action: 'show' }],
    ['notify me off', { kind: 'notify', action: 'off' }],
    ['me notify off', { kind: 'notify', action: 'off' }],
    ['notify me failed', set(['failed'])],
    ['notify me errored', set(['failed'])],
    ['notify me failed completed', set(['completed', 'failed'])],
    ['notify me mine', set(['completed', 'failed'], {}, true)],
    ['notify me failed mine', set(['failed'], {}, true)],
    ['notify me failed mode realtime endpoint:audio', set(['failed'], { mode: 'realtime', endpoint: 'audio' })],
    ['notify me failed user usr_7Hq2', set(['failed'], { userId: 'usr_7Hq2' })],
    ['notify me status:failed', set(['failed'])],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  test.each<[string, RegExp]>([
    ['notify failed', /`notify` is for DMs to you: write `notify me failed` \(for a channel, `subscribe failed`\)/],
    ['notify me off failed', /`off` and `failed` both set your notifications/],
    ['notify me failed mine user usr_1', /`mine` and `user usr_1` both set whose runs/],
    ['notify me failed since 2h', /`since 2h` doesn't go with `notify`/],
    ['failed mine', /`mine` doesn't go with a job list: use it with notify me, e\.g\. `\/hume-jobs notify me mine`/],
    ['subscribe me', /`me` doesn't go with `subscribe`: use it with notify me, e\.g\. `\/hume-jobs notify me`/],
    ['notify me failed endpoint banana', /`banana` isn't an endpoint/],
  ])('%j is refused: %s', (text, message) => expect(parseFails(text).message).toMatch(message));
});

describe('link', () => {
  test.each<[string, Command]>([
    ['link', { kind: 'link', action: 'show' }],
    ['link off', { kind: 'link', action: 'off' }],
    ['link usr_7Hq2', { kind: 'link', action: 'set', humeUserId: 'usr_7Hq2' }],
    ['link user usr_7Hq2', { kind: 'link', action: 'set', humeUserId: 'usr_7Hq2' }],
    ['link:usr_7Hq2', { kind: 'link', action: 'set', humeUserId: 'usr_7Hq2' }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  test.each<[string, RegExp]>([
    ['link usr_1 off', /`link usr_1` and `off` both set your Hume user/],
    ['link usr#1', /isn't a user id/],
  ])('%j is refused: %s', (text, message) => expect(parseFails(text).message).toMatch(message));
});
