/** Which subscription `unsubscribe` names: one channel's subscriptions and the words typed → what goes, or why nothing does. */
import { type Picked, type SubscriptionTarget, pickSubscription } from '../../../src/domain/pick-subscription';
import { ANY_JOB } from '../../../src/jobs/job-match';
import type { StatusKind } from '../../../src/jobs/job';
import { makeSubscription } from '../../support/subscriptions';

const plain = makeSubscription({ kinds: ['completed', 'failed'] });
const audio = makeSubscription({ kinds: ['failed'], match: { ...ANY_JOB, endpoint: 'audio' } });
const face = makeSubscription({ kinds: ['running'], match: { ...ANY_JOB, model: 'face' } });
const three = [plain, audio, face];

const all: SubscriptionTarget = { by: 'all' };
const statuses: SubscriptionTarget = { by: 'statuses' };
const number = (n: number): SubscriptionTarget => ({ by: 'number', number: n });
const byAudio: SubscriptionTarget = { by: 'match', match: { ...ANY_JOB, endpoint: 'audio' } };

test.each<[string, typeof three, SubscriptionTarget, StatusKind[], Picked]>([
  ['one subscription: `unsubscribe failed` as always', [plain], statuses, ['failed'], { type: 'picked', which: plain.id, kinds: ['failed'], subs: [plain] }],
  ['one subscription: `unsubscribe` stops it', [plain], statuses, [], { type: 'picked', which: plain.id, kinds: [], subs: [plain] }],
  ['one subscription without that status', [plain], statuses, ['queued'], { type: 'no-kinds', sub: plain, asked: ['queued'] }],
  ['several, one of them with the status: that one', three, statuses, ['running'], { type: 'picked', which: face.id, kinds: ['running'], subs: [face] }],
  ['several with the status: which?', three, statuses, ['failed'], { type: 'ambiguous', candidates: [plain, audio], asked: ['failed'] }],
  ['several, no words: which?', three, statuses, [], { type: 'ambiguous', candidates: three, asked: [] }],
  ['several, none with the status', three, statuses, ['queued'], { type: 'no-kinds', sub: null, asked: ['queued'] }],
  ['by number', three, number(2), [], { type: 'picked', which: audio.id, kinds: [], subs: [audio] }],
  ['by number, a status it lacks', three, number(2), ['running'], { type: 'no-kinds', sub: audio, asked: ['running'] }],
  ['a number past the list', three, number(4), [], { type: 'no-number', number: 4, count: 3 }],
  ['by filters', three, byAudio, ['failed'], { type: 'picked', which: audio.id, kinds: ['failed'], subs: [audio] }],
  ['filters no subscription has', [plain, face], byAudio, [], { type: 'no-match', match: { ...ANY_JOB, endpoint: 'audio' } }],
  ['all', three, all, [], { type: 'picked', which: 'all', kinds: [], subs: three }],
  ['nothing to stop', [], all, [], { type: 'none' }],
])('%s', (_name, subs, target, asked, expected) => {
  expect(pickSubscription(subs, target, asked)).toEqual(expected);
});
