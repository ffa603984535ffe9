/**
 * The runs schemas read every runs fixture in test/fixtures, and stay tolerant where Hume's runs API reference could
 * not see: unknown fields and event kinds are kept, `ended_at`/`close_code` may be null or
 * absent, and the last page may say so with a null, absent or empty `next_cursor`.
 */
import { cursorOrNull, parseRunList, runEventsSchema, runListSchema, runSchema } from '../../../src/hume/runs/schemas';
import { readFixtures } from '../../support/fixtures';

const fixtures = readFixtures('runs-');
function fixture(name: string): unknown {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found.json;
}

/** A minimal run as the API could send it; tests change one thing at a time. */
function run(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    run_id: '5f0c9a52-8a1e-4a53-9d43-2f7a64c1b0e1',
    user_id: 'usr_7Hq2',
    status: 'ended',
    endpoint: 'audio',
    mode: 'realtime',
    started_at: '2026-11-28T09:14:03.512Z',
    ended_at: '2026-11-28T09:20:00.000Z',
    ...overrides,
  };
}

describe('runs schemas accept every shared fixture', () => {
  it('finds the three runs fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(['runs-error.json', 'runs-events.json', 'runs-list.json']);
  });

  it('runs-list.json: every run parses, with its nulls and absences', () => {
    const list = runListSchema.parse(fixture('runs-list.json'));
    const { items: runs, dropped } = parseRunList(list.runs);
    expect(dropped).toEqual([]);
    expect(runs.map((r) => [r.status, r.ended_at ?? null, r.close_code ?? null])).toEqual([
      ['live', null, null],
      ['errored', '2026-11-28T09:07:12.880Z', 1011],
      ['ended', '2026-11-28T09:00:01.950Z', null],
    ]);
    expect(cursorOrNull(list.next_cursor)).toBe('eyJiZWZvcmUiOiIyMDI2LTExLTI4VDA4OjU5OjU5LjEwMFoifQ');
  });

  it('runs-events.json parses', () => {
    const events = runEventsSchema.parse(fixture('runs-events.json'));
    expect(events.events.map((e) => e.kind)).toEqual(['invalid_image_frame', 'rate_limited']);
    expect(events).toMatchObject({ at_cap: false, capped_kinds: [], gaps: false, next_cursor: null });
  });

  it('runs-error.json is the service error shape, which is no run', () => {
    expect(fixture('runs-error.json')).toMatchObject({ type: 'error', code: 'run_not_found' });
    expect(runSchema.safeParse(fixture('runs-error.json')).success).toBe(false);
  });
});

describe('run schema tolerance', () => {
  it.each([
    ['ended_at and close_code null', run({ ended_at: null, close_code: null })],
    ['ended_at and close_code absent', run({ ended_at: undefined })],
    ['a start with an offset', run({ started_at: '2026-11-28T10:14:03+01:00' })],
    ['an endpoint and mode not documented yet', run({ endpoint: 'text', mode: 'batch' })],
    ['no user_id', run({ user_id: undefined })],
  ])('accepts %s', (_name, raw) => {
    expect(runSchema.safeParse(raw).success).toBe(true);
  });

  it('keeps fields it does not know', () => {
    const parsed = runSchema.parse(run({ billable_seconds: 12.5, config: { models: { prosody: {} } } }));
    expect(parsed).toMatchObject({ billable_seconds: 12.5, config: { models: { prosody: {} } } });
  });

  it.each([
    ['an unknown status', run({ status: 'paused' })],
    ['no run_id', run({ run_id: undefined })],
    ['a start that is no date', run({ started_at: 'yesterday-ish' })],
  ])('rejects %s', (_name, raw) => {
    expect(runSchema.safeParse(raw).success).toBe(false);
  });

  it('a list skips only the runs it cannot read, naming them', () => {
    const { items: runs, dropped } = parseRunList([run(), run({ run_id: 'odd', status: 'paused' }), 'junk']);
    expect(runs).toHaveLength(1);
    expect(dropped.map((d) => [d.index, d.jobId])).toEqual([
      [1, 'odd'],
      [2, null],
    ]);
    expect(dropped[0]?.reason).toMatch(/^status: /);
  });

  it.each([
    ['null', { runs: [], next_cursor: null }],
    ['absent', { runs: [] }],
    ['empty', { runs: [], next_cursor: '' }],
  ])('next_cursor %s means the last page', (_name, body) => {
    expect(cursorOrNull(runListSchema.parse(body).next_cursor)).toBeNull();
  });
});

describe('events schema tolerance', () => {
  it('keeps unknown kinds and fields as they come', () => {
    const parsed = runEventsSchema.parse({
      events: [{ seq: 1, at: '2026-11-28T09:03:10.221Z', kind: 'audio_clipped', detail: 'peak at 0 dBFS' }],
      at_cap: true,
      capped_kinds: ['audio_clipped'],
      gaps: false,
      next_cursor: null,
      retention_days: 30,
    });
    expect(parsed.events[0]).toEqual({ seq: 1, at: '2026-11-28T09:03:10.221Z', kind: 'audio_clipped', detail: 'peak at 0 dBFS' });
    expect(parsed.capped_kinds).toEqual(['audio_clipped']);
    expect(parsed).toMatchObject({ retention_days: 30 });
  });

  it('does not lose a page over an event without a kind, or flags left out', () => {
    const parsed = runEventsSchema.parse({ events: [{ seq: 3 }] });
    expect(parsed.events).toEqual([{ seq: 3 }]);
    expect(parsed.at_cap).toBeUndefined();
  });
});
