import { ChannelPacer, PausedError, type SlackWrite } from '../../../src/delivery/channel-pacer';
import { TestClock } from '../../support/clock';

const GAP = 1000;

/** Acquires, and records the fake time at which the turn came. */
async function turnAt(clock: TestClock, pacer: ChannelPacer, method: SlackWrite, channel: string): Promise<number> {
  const release = await pacer.acquire(method, channel);
  release();
  return clock.now();
}

describe('ChannelPacer: whose turn and when', () => {
  const start = new TestClock().now();
  test.each<{ name: string; calls: [SlackWrite, string][]; at: number[] }>([
    { name: 'one post goes at once', calls: [['chat.postMessage', 'C1']], at: [0] },
    { name: 'posts to one channel are a gap apart', calls: [['chat.postMessage', 'C1'], ['chat.postMessage', 'C1'], ['chat.postMessage', 'C1']], at: [0, GAP, 2 * GAP] },
    { name: 'posts to two channels do not wait for each other', calls: [['chat.postMessage', 'C1'], ['chat.postMessage', 'C2']], at: [0, 0] },
    { name: 'updates have no per-channel pace', calls: [['chat.update', 'C1'], ['chat.update', 'C1']], at: [0, 0] },
    { name: 'an update does not take a post turn', calls: [['chat.postMessage', 'C1'], ['chat.update', 'C1'], ['chat.postMessage', 'C1']], at: [0, 0, GAP] },
  ])('$name', async ({ calls, at }) => {
    const clock = new TestClock(start);
    const pacer = new ChannelPacer(clock, GAP);
    const turns = calls.map(([method, channel]) => turnAt(clock, pacer, method, channel));
    await clock.advance(10 * GAP);
    expect((await Promise.all(turns)).map((t) => t - start)).toEqual(at);
  });
});

describe('ChannelPacer: Retry-After and bounds', () => {
  test("a post's Retry-After pauses that channel only", async () => {
    const clock = new TestClock();
    const start = clock.now();
    const pacer = new ChannelPacer(clock, GAP);
    pacer.pauseUntil('chat.postMessage', 'C1', start + 3000);
    const paused = turnAt(clock, pacer, 'chat.postMessage', 'C1');
    const other = turnAt(clock, pacer, 'chat.postMessage', 'C2');
    await clock.advance(5000);
    expect((await paused) - start).toBe(3000);
    expect((await other) - start).toBe(0);
  });

  test("an update's Retry-After pauses chat.update in every channel", async () => {
    const clock = new TestClock();
    const start = clock.now();
    const pacer = new ChannelPacer(clock, GAP);
    pacer.pauseUntil('chat.update', 'C1', start + 2000);
    const turns = [turnAt(clock, pacer, 'chat.update', 'C2'), turnAt(clock, pacer, 'chat.postMessage', 'C2')];
    await clock.advance(5000);
    expect((await Promise.all(turns)).map((t) => t - start)).toEqual([2000, 0]);
  });

  test('a pause never shortens an earlier, longer one', async () => {
    const clock = new TestClock();
    const start = clock.now();
    const pacer = new ChannelPacer(clock, GAP);
    pacer.pauseUntil('chat.postMessage', 'C1', start + 4000);
    pacer.pauseUntil('chat.postMessage', 'C1', start + 1000);
    const turn = turnAt(clock, pacer, 'chat.postMessage', 'C1');
    await clock.advance(5000);
    expect((await turn) - start).toBe(4000);
  });

  test('a wait past maxWaitMs is refused with when, not slept through', async () => {
    const clock = new TestClock();
    const pacer = new ChannelPacer(clock, GAP, 16, 5000);
    pacer.pauseUntil('chat.postMessage', 'C1', clock.now() + 60_000);
    const refused = pacer.acquire('chat.postMessage', 'C1');
    await expect(refused).rejects.toBeInstanceOf(PausedError);
    await expect(refused).rejects.toMatchObject({ until: clock.now() + 60_000, reason: 'ratelimited' });
    expect(clock.pending).toBe(0);
  });

  test('calls in flight stay within the bound; a freed slot goes to the next waiter', async () => {
    const clock = new TestClock();
    const pacer = new ChannelPacer(clock, 0, 2);
    const first = await pacer.acquire('chat.update', 'C1');
    const second = await pacer.acquire('chat.update', 'C2');
    let third = false;
    const waiting = pacer.acquire('chat.update', 'C3').then((release) => {
      third = true;
      return release;
    });
    await clock.advance(0);
    expect(third).toBe(false);
    first();
    first(); // releasing twice frees one slot only
    const releaseThird = await waiting;
    expect(third).toBe(true);
    let fourth = false;
    void pacer.acquire('chat.update', 'C4').then(() => (fourth = true));
    await clock.advance(0);
    expect(fourth).toBe(false);
    second();
    releaseThird();
    await clock.advance(0);
    expect(fourth).toBe(true);
  });
});
