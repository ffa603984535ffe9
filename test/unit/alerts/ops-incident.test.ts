/**
 * The app's own health, as pure decisions: what a channel is told given what it was told and
 * what the health snapshot says now. Tables of timelines: each step is (time, problems seen,
 * families unknown) and what is queued then.
 */
import { OPS_TIMING, opsOutboxRow, opsTargets, problemsFingerprint, stepIncident } from '../../../src/alerts/ops-incident';
import type { OpsFamily, OpsIncident, OpsProblem } from '../../../src/domain/ops';
import { checkAlertPayload } from '../../../src/domain/alert-payload-schema';
import { buildOpsMessage, buildOpsRecovery, opsHomeBlocks } from '../../../src/messages/ops';

const T0 = Date.UTC(2026, 11, 1, 9);
const S = 1000;
const MIN = 60 * S;

const key: OpsProblem = { key: 'hume_key', kind: 'hume_key', detail: 'Hume rejected the API key (HTTP 401); set a valid HUME_API_KEY.', since: T0 };
const stuck: OpsProblem = { key: 'channel:C0STUCK', kind: 'channel', detail: 'not_in_channel', since: T0, channelId: 'C0STUCK' };
const polling: OpsProblem = { key: 'polling', kind: 'polling', detail: 'Hume answered HTTP 503.', since: T0 };

type Step = [atMs: number, seen: OpsProblem[], unknown?: OpsFamily[]];

/** Runs a timeline for one channel; returns what was queued at each time (only the steps that queued something). */
function run(steps: Step[]): { queued: [number, string][]; last: OpsIncident | null } {
  let stored: OpsIncident | null = null;
  const queued: [number, string][] = [];
  for (const [at, seen, unknown = []] of steps) {
    const step = stepIncident('C0OPS', stored, seen, unknown, T0 + at);
    if (step.message) queued.push([at, step.message]);
    if (step.next) stored = step.next;
  }
  return { queued, last: stored };
}

/** Looks every 10 s from `from` to `to` with the same problems. */
function every10s(from: number, to: number, seen: OpsProblem[], unknown: OpsFamily[] = []): Step[] {
  const steps: Step[] = [];
  for (let at = from; at < to; at += 10 * S) steps.push([at, seen, unknown]);
  return steps;
}

describe('stepIncident: one message when a problem starts, one when it ends', () => {
  test.each<[string, Step[], [number, string][]]>([
    ['nothing wrong: nothing said', every10s(0, 10 * MIN, []), []],
    ['a lasting problem: told once it has lasted 30 s, never again while it lasts', every10s(0, 30 * MIN, [key]), [[30 * S, 'open']]],
    [
      'it ends: the recovery once it has stayed away 3 minutes',
      [...every10s(0, 5 * MIN, [key]), ...every10s(5 * MIN, 15 * MIN, [])],
      [[30 * S, 'open'], [8 * MIN, 'resolve']],
    ],
    ['a blip shorter than 30 s that does not come back: nothing', [...every10s(0, 20 * S, [key]), ...every10s(20 * S, 10 * MIN, [])], []],
    [
      'flapping (bad, ok, bad within a minute): one message, and no recovery until it stays away',
      [
        ...every10s(0, MIN, [key]),
        ...every10s(MIN, MIN + 20 * S, []),
        ...every10s(MIN + 20 * S, 2 * MIN, [key]),
        ...every10s(2 * MIN, 2 * MIN + 30 * S, []),
        ...every10s(2 * MIN + 30 * S, 3 * MIN, [key]),
        ...every10s(3 * MIN, 10 * MIN, []),
      ],
      [[30 * S, 'open'], [6 * MIN, 'resolve']],
    ],
    [
      'flapping faster than 30 s from the start is still told (counted from the first sighting)',
      [[0, [key]], [10 * S, []], [20 * S, [key]], [30 * S, []], [40 * S, [key]]],
      [[40 * S, 'open']],
    ],
    [
      'a second problem joins: the message is edited (at most once a minute), not posted again',
      [...every10s(0, 2 * MIN, [key]), ...every10s(2 * MIN, 5 * MIN, [key, stuck])],
      [[30 * S, 'open'], [2 * MIN, 'edit']],
    ],
    [
      'a change within a minute of the last edit waits for the minute',
      [...every10s(0, 40 * S, [key]), ...every10s(40 * S, 3 * MIN, [key, stuck])],
      [[30 * S, 'open'], [90 * S, 'edit']],
    ],
    [
      'after a recovery, a problem coming back is a new incident',
      [...every10s(0, MIN, [key]), ...every10s(MIN, 5 * MIN, []), ...every10s(5 * MIN, 7 * MIN, [stuck])],
      [[30 * S, 'open'], [4 * MIN, 'resolve'], [5 * MIN + 30 * S, 'open']],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps).queued).toEqual(expected);
  });

  test('a restart while the problem lasts: Hume not answered yet is no recovery, and the same problem is no news', () => {
    const before = run(every10s(0, 10 * MIN, [key])).last!;
    let stored = before;
    const queued: string[] = [];
    // The new process: Hume and the poller have not answered for a minute, then Hume rejects the key again.
    for (const [at, seen, unknown] of [...every10s(10 * MIN, 11 * MIN, [], ['hume', 'polling']), ...every10s(11 * MIN, 20 * MIN, [key])]) {
      const step = stepIncident('C0OPS', stored, seen, unknown ?? [], T0 + at);
      if (step.message) queued.push(step.message);
      if (step.next) stored = step.next;
    }
    expect(queued).toEqual([]);
    expect(stored.openedAt).toBe(before.openedAt);
    expect(stored.problems.map((p) => p.key)).toEqual(['hume_key']);
  });

  test('unknown families keep what was said about them; known ones are taken as seen', () => {
    const told = run(every10s(0, MIN, [key, stuck])).last!;
    // Delivery is read (the channel is fine again); Hume is not known yet: the key problem stands.
    const step = stepIncident('C0OPS', told, [], ['hume'], T0 + 5 * MIN);
    expect(step.message).toBe('edit');
    expect(step.next!.problems.map((p) => p.key)).toEqual(['hume_key']);
  });

  test('a problem keeps when it was first seen; the message does not change with times', () => {
    const told = run(every10s(0, MIN, [polling])).last!;
    const later = { ...polling, since: T0 + 5 * MIN };
    expect(stepIncident('C0OPS', told, [later], [], T0 + 10 * MIN)).toEqual({ next: null, message: null });
    expect(problemsFingerprint([key, stuck])).toBe(problemsFingerprint([stuck, key]));
  });

  test('an incident never told (too short) ends without a word, and App Home never shows it', () => {
    const { queued, last } = run([...every10s(0, 20 * S, [key]), ...every10s(20 * S, 5 * MIN, [])]);
    expect(queued).toEqual([]);
    expect(last).toMatchObject({ version: 0, resolvedAt: expect.any(Number) });
    expect(JSON.stringify(opsHomeBlocks(last))).toMatch(/working normally\./);
  });

  test('versions grow by one per message; the outbox row of each is unique and readable back', () => {
    const steps: Step[] = [...every10s(0, 2 * MIN, [key]), ...every10s(2 * MIN, 4 * MIN, [key, stuck]), ...every10s(4 * MIN, 10 * MIN, [])];
    let stored: OpsIncident | null = null;
    const keys: string[] = [];
    for (const [at, seen] of steps) {
      const step = stepIncident('C0OPS', stored, seen, [], T0 + at);
      if (step.next) stored = step.next;
      if (step.message) {
        const row = opsOutboxRow(step.next!, 'ops', T0 + at);
        expect(checkAlertPayload(JSON.parse(JSON.stringify(row.payload)))).toEqual({ ok: true, payload: row.payload });
        expect(row.jobId).toBe(`ops:C0OPS:${T0}`);
        keys.push(row.dedupeKey);
      }
    }
    expect(keys).toEqual([`ops:C0OPS:${T0}:1`, `ops:C0OPS:${T0}:2`, `ops:C0OPS:${T0}:3`]);
    expect(stored).toMatchObject({ version: 3, resolvedAt: T0 + 7 * MIN });
  });

  test('with no delay to open, the first sighting is told at once', () => {
    expect(stepIncident('C0OPS', null, [key], [], T0, { ...OPS_TIMING, openAfterMs: 0 }).message).toBe('open');
  });
});

describe('opsTargets: who is told what', () => {
  const observation = { at: T0, problems: [key, stuck], unknown: [] };

  test('OPS_CHANNEL hears every problem but its own delivery failure; App Home shows all', () => {
    const own: OpsProblem = { ...stuck, key: 'channel:C0OPS', channelId: 'C0OPS' };
    const targets = opsTargets({ ...observation, problems: [key, stuck, own] }, { opsChannel: 'C0OPS', subscribed: ['C0A', 'C0B'] });
    expect([...targets.keys()]).toEqual(['', 'C0OPS']);
    expect(targets.get('')!.map((p) => p.key)).toEqual(['hume_key', 'channel:C0STUCK', 'channel:C0OPS']);
    expect(targets.get('C0OPS')!.map((p) => p.key)).toEqual(['hume_key', 'channel:C0STUCK']);
  });

  test('without it, each subscribed channel hears what stops all alerts; a channel that cannot be posted to hears nothing', () => {
    const targets = opsTargets(observation, { opsChannel: null, subscribed: ['C0A', 'C0STUCK'] });
    expect([...targets.keys()]).toEqual(['', 'C0A']);
    expect(targets.get('C0A')!.map((p) => p.key)).toEqual(['hume_key']);
  });

  test("without it, one channel's delivery problem is told in App Home only", () => {
    const targets = opsTargets({ ...observation, problems: [stuck] }, { opsChannel: null, subscribed: ['C0A'] });
    expect(targets.get('C0A')).toEqual([]);
    expect(targets.get('')!.map((p) => p.key)).toEqual(['channel:C0STUCK']);
  });
});

describe('the words', () => {
  const incident: OpsIncident = { target: 'C0OPS', openedAt: T0, problems: [key, { ...stuck, detail: '<!channel> *x*' }], version: 1, editedAt: T0, clearSince: null, resolvedAt: null };

  test('the message lists each problem, escaping what came from elsewhere, and mentions nobody', () => {
    const text = JSON.stringify(buildOpsMessage(incident, 'ops'));
    expect(text).toMatch(/Hume rejects the API key/);
    expect(text).toMatch(/Cannot post in <#C0STUCK>/);
    expect(text).not.toMatch(/<!channel>/);
  });

  test('resolved: the message says so, and the recovery says what works again and after how long', () => {
    const resolved = { ...incident, resolvedAt: T0 + 12 * MIN, version: 2 };
    expect(JSON.stringify(buildOpsMessage(resolved, 'ops'))).toMatch(/Resolved/);
    expect(buildOpsRecovery(resolved).text).toBe('hume-jobs is working again');
    expect(JSON.stringify(buildOpsRecovery(resolved))).toMatch(/Hume accepts the API key again, after 12 min/);
  });
});
