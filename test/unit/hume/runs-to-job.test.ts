/**
 * Runs as the one job model: status kinds, start as creation time, endpoint/mode/user, the error
 * sentence derived from the close code or the silence rule, and problem events counted by kind.
 */
import type { RunEventsPage } from '../../../src/hume/runs/client';
import { runSchema, type Run } from '../../../src/hume/runs/schemas';
import { runToJob, withProblems } from '../../../src/hume/runs/to-job';

function run(overrides: Record<string, unknown> = {}): Run {
  return runSchema.parse({
    run_id: 'b2d4e6f8-0a1c-4e3f-9b7d-5c6a8e0f2d41',
    user_id: 'usr_7Hq2',
    status: 'ended',
    endpoint: 'video',
    mode: 'realtime',
    started_at: '2026-11-28T09:02:40.004Z',
    ended_at: '2026-11-28T09:07:12.880Z',
    close_code: 1000,
    ...overrides,
  });
}

function page(kinds: string[], flags: Partial<RunEventsPage> = {}): RunEventsPage {
  const events = kinds.map((kind, i) => ({ seq: i + 1, at: '2026-11-28T09:03:10.221Z', kind }));
  return { events, atCap: false, cappedKinds: [], gaps: false, nextCursor: null, ...flags };
}

describe('runToJob', () => {
  it('maps an ended run onto the job model', () => {
    expect(runToJob(run())).toEqual({
      id: 'b2d4e6f8-0a1c-4e3f-9b7d-5c6a8e0f2d41',
      source: 'runs',
      status: 'completed',
      rawStatus: 'ended',
      createdAt: Date.UTC(2026, 10, 28, 9, 2, 40, 4),
      startedAt: Date.UTC(2026, 10, 28, 9, 2, 40, 4),
      endedAt: Date.UTC(2026, 10, 28, 9, 7, 12, 880),
      inputs: { files: [], urls: [], textCount: 0 },
      models: [],
      endpoint: 'video',
      mode: 'realtime',
      numPredictions: null,
      numErrors: null,
      errorMessage: null,
      userId: 'usr_7Hq2',
    });
  });

  it.each([
    ['live', 'running'],
    ['ended', 'completed'],
    ['errored', 'failed'],
  ])('%s → %s', (status, kind) => {
    expect(runToJob(run({ status })).status).toBe(kind);
  });

  it('a live run has no end and no error message, whatever else it carries', () => {
    const job = runToJob(run({ status: 'live', ended_at: null, close_code: null }));
    expect(job).toMatchObject({ endedAt: null, errorMessage: null });
  });

  it.each([
    [1011, 'Connection lost (close code 1011)'],
    [1009, 'Message too large (close code 1009)'],
    [1008, 'Policy violation (close code 1008)'],
    [4001, 'Session closed (close code 4001)'],
  ])('an errored run with close code %i says "%s"', (closeCode, message) => {
    expect(runToJob(run({ status: 'errored', close_code: closeCode })).errorMessage).toBe(message);
  });

  it('an errored realtime run without a close code was silent for 5 minutes; its end is when it was last heard', () => {
    const job = runToJob(run({ status: 'errored', close_code: undefined, ended_at: '2026-11-28T09:05:00.000Z' }));
    expect(job.errorMessage).toBe('No word from the session for 5 minutes');
    expect(job.endedAt).toBe(Date.UTC(2026, 10, 28, 9, 5));
  });

  it('an errored upload without a close code failed in measurement', () => {
    expect(runToJob(run({ status: 'errored', mode: 'file', close_code: null })).errorMessage).toBe('The upload failed during measurement');
  });

  it('leaves endpoint, mode and user null when absent, and an unreadable end null', () => {
    const job = runToJob(run({ endpoint: undefined, mode: null, user_id: undefined, ended_at: 'soon' }));
    expect(job).toMatchObject({ endpoint: null, mode: null, userId: null, endedAt: null });
  });
});

describe('withProblems', () => {
  const job = runToJob(run({ status: 'errored', close_code: 1011 }));

  it('counts events by kind across pages, unknown kinds included', () => {
    const counted = withProblems(job, [page(['rate_limited', 'invalid_image_frame', 'rate_limited']), page(['audio_clipped', 'constructor'])]);
    expect(counted.problems?.counts).toEqual({ rate_limited: 2, invalid_image_frame: 1, audio_clipped: 1, constructor: 1 });
    expect(counted.problems?.capped).toBe(false);
    expect(counted.errorMessage).toBe(job.errorMessage);
  });

  it('a run without events has empty counts, not missing ones', () => {
    expect(withProblems(job, [page([])]).problems).toEqual({ counts: {}, capped: false });
  });

  it.each([
    ['a kind hit its cap', { atCap: true, cappedKinds: ['rate_limited'] }],
    ['the log has gaps', { gaps: true }],
    ['the log is longer than the pages read', { nextCursor: 'more' }],
  ])('is capped when %s', (_name, flags) => {
    expect(withProblems(job, [page(['rate_limited'], flags)]).problems?.capped).toBe(true);
  });

  it('counts an event without a kind as unknown', () => {
    const unnamed = { ...page([]), events: [{ seq: 1 }] };
    expect(withProblems(job, [unnamed]).problems?.counts).toEqual({ unknown: 1 });
  });
});
