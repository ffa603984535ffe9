/**
 * The pacer on its own: chat.postMessage one a second per channel, a Retry-After pausing the
 * method where Slack scopes its limit (postMessage: the channel; chat.update: the workspace), a
 * long pause handed back instead of slept through, and a hard bound on calls in flight.
 */
import { ChannelPacer, PausedError } from '../../../src/delivery/channel-pacer';
import { TestClock, flushMicrotasks } from '../../support/clock';

test('posts are paced per channel; other channels and edits do not wait for them', async () => {
  const clock = new TestClock();
  const pacer = new ChannelPacer(clock, 1000, 100);
  const t0 = clock.now();
  const times: Record<string, number[]> = {};
  const go = async (method: 'chat.postMessage' | 'chat.update', channel: string) => {
    const release = await pacer.acquire(method, channel);
    (times[`${method}:${channel}`] ??= []).push(clock.now() - t0);
    release();
  };
  const all = Promise.all([go('chat.postMessage', 'A'), go('chat.postMessage', 'A'), go('chat.postMessage', 'A'), go('chat.postMessage', 'B'), go('chat.update', 'A'), go('chat.update', 'A')]);
  await clock.advance(3000);
  await all;
  expect(times).toEqual({ 'chat.postMessage:A': [0, 1000, 2000], 'chat.postMessage:B': [0], 'chat.update:A': [0, 0] });
});

test('a Retry-After pauses postMessage in its channel only, chat.update everywhere; a long one is handed back', async () => {
  const clock = new TestClock();
  const pacer = new ChannelPacer(clock, 1000, 100, 5000);
  const now = clock.now();
  pacer.pauseUntil('chat.postMessage', 'A', now + 3000);
  pacer.pauseUntil('chat.update', 'A', now + 60_000);
  (await pacer.acquire('chat.postMessage', 'B'))();
  let postedInA = false;
  const inA = pacer.acquire('chat.postMessage', 'A').then((release) => {
    postedInA = true;
    release();
  });
  await clock.advance(2999);
  expect(postedInA).toBe(false);
  await clock.advance(1);
  await inA;
  expect(postedInA).toBe(true);
  // Tier 3 limits are per workspace: another channel's edit waits too, and 57 s is not slept through.
  await expect(pacer.acquire('chat.update', 'B')).rejects.toEqual(new PausedError(now + 60_000));
});

test('never more calls in flight than the bound; a freed slot goes to the next waiter', async () => {
  const clock = new TestClock();
  const pacer = new ChannelPacer(clock, 1000, 4);
  const releases: (() => void)[] = [];
  const waiting = Array.from({ length: 10 }, (_, i) => pacer.acquire('chat.postMessage', `C${i}`).then((release) => void releases.push(release)));
  await flushMicrotasks();
  expect(releases).toHaveLength(4);
  releases[0]!();
  releases[0]!(); // releasing twice frees one slot only
  await flushMicrotasks();
  expect(releases).toHaveLength(5);
  for (let i = 1; i < 10 && releases.length < 10; i++) {
    releases[i]!();
    await flushMicrotasks();
    expect(releases.length).toBeLessThanOrEqual(i + 5);
  }
  await Promise.all(waiting);
  expect(releases).toHaveLength(10);
});
