import { ACTION_DETAILS, ACTION_PAGE_NEXT } from '../../../src/messages/action-ids';
import { actions, button, section } from '../../../src/messages/blocks';
import type { SlackCall, StoredMessage } from '../../../src/simulator/slack-server';
import { channelLines, clockTime } from '../../../src/demo/channel-view';
import { scalePlan } from '../../../src/demo/generator';
import { parseDemoInput } from '../../../src/demo/input';
import { pollIntervalMs, readDemoOptions } from '../../../src/demo/options';
import { listButtons } from '../../../src/demo/session';

describe('parseDemoInput', () => {
  it.each([
    ['', { kind: 'blank' }],
    ['failed since 2h', { kind: 'command', text: 'failed since 2h' }],
    ['/hume-jobs failed', { kind: 'command', text: 'failed' }],
    ['hume-jobs', { kind: 'command', text: '' }],
    ['/hume-jobs next', { kind: 'command', text: 'next' }],
    ['next', { kind: 'page', direction: 'next' }],
    ['Prev', { kind: 'page', direction: 'prev' }],
    ['previous', { kind: 'page', direction: 'prev' }],
    ['details 3', { kind: 'details', target: '3' }],
    ['details 1a2b3c4d', { kind: 'details', target: '1a2b3c4d' }],
    ['details', { kind: 'details', target: '' }],
    ['exit', { kind: 'exit' }],
    ['quit', { kind: 'exit' }],
    ['bogus-word', { kind: 'command', text: 'bogus-word' }],
  ])('%j', (line, expected) => {
    expect(parseDemoInput(line)).toEqual(expected);
  });
});

describe('readDemoOptions', () => {
  it('defaults: batch, real pace, linger 20 s only when piped', () => {
    expect(readDemoOptions({}, false)).toEqual({ ok: true, options: { source: 'batch', speed: 1, lingerMs: 20_000, seed: 7, interactive: false, logLevel: 'warn' } });
    expect(readDemoOptions({}, true)).toMatchObject({ ok: true, options: { lingerMs: 0, interactive: true } });
  });

  it('reads every setting', () => {
    const env = { HUME_SOURCE: 'RUNS', DEMO_SPEED: '10', DEMO_DURATION: '2.5', DEMO_SEED: '3', LOG_LEVEL: 'debug' };
    expect(readDemoOptions(env, false)).toEqual({ ok: true, options: { source: 'runs', speed: 10, lingerMs: 2500, seed: 3, interactive: false, logLevel: 'debug' } });
  });

  it('lists every problem at once', () => {
    const result = readDemoOptions({ HUME_SOURCE: 'stream', DEMO_SPEED: '0', DEMO_DURATION: '-1', DEMO_SEED: 'x' }, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.split(' ')[0])).toEqual(['HUME_SOURCE', 'DEMO_SPEED', 'DEMO_DURATION', 'DEMO_SEED']);
  });

  it.each([
    [1, 2000],
    [2, 1000],
    [10, 500],
  ])('speed %d polls every %d ms', (speed, ms) => {
    expect(pollIntervalMs(speed)).toBe(ms);
  });
});

describe('scalePlan', () => {
  it('tells the same story sooner', () => {
    const outcome = { status: 'FAILED', message: 'x' } as const;
    expect(scalePlan({ startAfterMs: 10_000, runMs: 30_000, outcome }, 10)).toEqual({ startAfterMs: 1000, runMs: 3000, outcome });
  });
});

describe('listButtons', () => {
  it('finds Details per job in order and the paging buttons', () => {
    const blocks = [section('a', button('Details', ACTION_DETAILS, 'id-1')), section('b', button('Details', ACTION_DETAILS, 'id-2')), actions([button('Next', ACTION_PAGE_NEXT, 'page-2')])];
    expect(listButtons(blocks)).toEqual({ details: ['id-1', 'id-2'], next: 'page-2', prev: null });
  });

  it('is null for a message without them', () => {
    expect(listButtons([section('help')])).toBeNull();
    expect(listButtons(undefined)).toBeNull();
  });
});

describe('channelLines', () => {
  const at = new Date(2026, 10, 28, 9, 5, 7).getTime();
  const parent: StoredMessage = { channel: 'C0HUME', ts: '1.000001', threadTs: null, text: 'Job 1a2b3c4d is running', blocks: [], metadata: null, edits: 0 };
  const options = { channels: { C0HUME: 'hume-alerts' }, findMessage: (channel: string, ts: string) => (channel === parent.channel && ts === parent.ts ? parent : undefined) };
  const call = (method: string, args: Record<string, unknown>): SlackCall => ({ method, args: { channel: 'C0HUME', ...args }, token: null, at });

  it('shows a new message under the time and channel', () => {
    expect(channelLines(call('chat.postMessage', { text: 'x', blocks: [section(':arrows_counterclockwise: *Running*\nmore')] }), options)).toEqual([
      '09:05:07 #hume-alerts  hume-jobs',
      '  🔄 Running',
      '  more',
    ]);
  });

  it('shows an edit compactly, naming the message edited', () => {
    expect(channelLines(call('chat.update', { ts: '1.000001', blocks: [section(':white_check_mark: *Completed*\nmore')] }), options)).toEqual([
      '09:05:07 #hume-alerts  ✎ edited: Job 1a2b3c4d is running',
      '  ✅ Completed · more',
    ]);
  });

  it('indents a thread reply under its parent', () => {
    expect(channelLines(call('chat.postMessage', { thread_ts: '1.000001', blocks: [section(':x: Running → Failed\nError: boom')] }), options)).toEqual([
      '09:05:07 #hume-alerts  in the thread of: Job 1a2b3c4d is running',
      '  ↳ ❌ Running → Failed',
      '    Error: boom',
    ]);
  });

  it('ignores calls a channel member would not see', () => {
    expect(channelLines(call('conversations.history', {}), options)).toBeNull();
  });

  it('formats local clock time', () => {
    expect(clockTime(at)).toBe('09:05:07');
  });
});
