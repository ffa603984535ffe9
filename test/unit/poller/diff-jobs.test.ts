import { diffJobs } from '../../../src/poller/diff-jobs';
import type { Job, StatusKind } from '../../../src/jobs/job';
import type { TrackedJob } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const RAW: Record<StatusKind, string> = { queued: 'QUEUED', running: 'IN_PROGRESS', completed: 'COMPLETED', failed: 'FAILED' };

function job(id: string, status: StatusKind): Job {
  return makeJob({ id, status, rawStatus: RAW[status] });
}

function tracked(id: string, status: StatusKind, unreadable = false): TrackedJob {
  const snapshot = makeJob({ id, status, rawStatus: RAW[status], ...(unreadable ? { unreadable: { since: 1, failures: 3, reason: 'HTTP 500' } } : {}) });
  return { id, status, rawStatus: RAW[status], snapshot, seenAt: 1_000 };
}

interface Case {
  name: string;
  observed: Job[];
  previous: TrackedJob[];
  vanished?: TrackedJob[];
  moved: [id: string, from: StatusKind | null][];
  readableAgain?: string[];
  left?: string[];
}

const cases: Case[] = [
  { name: 'nothing read, nothing known', observed: [], previous: [], moved: [] },
  { name: 'a job seen for the first time is new', observed: [job('a', 'queued')], previous: [], moved: [['a', null]] },
  { name: 'a new job that already finished is new too', observed: [job('a', 'completed')], previous: [], moved: [['a', null]] },
  { name: 'a status change carries the state before', observed: [job('a', 'running')], previous: [tracked('a', 'queued')], moved: [['a', 'queued']] },
  { name: 'running to failed', observed: [job('a', 'failed')], previous: [tracked('a', 'running')], moved: [['a', 'running']] },
  { name: 'the same status is no change', observed: [job('a', 'running')], previous: [tracked('a', 'running')], moved: [] },
  {
    name: 'an unreadable job answering with the same status is readable again, not a change',
    observed: [job('a', 'running')],
    previous: [tracked('a', 'running', true)],
    moved: [],
    readableAgain: ['a'],
  },
  {
    name: 'an unreadable job answering with another status is a change',
    observed: [job('a', 'completed')],
    previous: [tracked('a', 'running', true)],
    moved: [['a', 'running']],
  },
  {
    name: 'deleted jobs leave',
    observed: [job('b', 'running')],
    previous: [tracked('b', 'running')],
    vanished: [tracked('gone', 'queued')],
    moved: [],
    left: ['gone'],
  },
  {
    name: 'new and changed keep the order they were read in',
    observed: [job('c', 'queued'), job('a', 'completed'), job('b', 'running'), job('d', 'failed')],
    previous: [tracked('a', 'running'), tracked('b', 'running'), tracked('d', 'queued')],
    moved: [
      ['c', null],
      ['a', 'running'],
      ['d', 'queued'],
    ],
  },
];

describe('diffJobs', () => {
  test.each(cases)('$name', ({ observed, previous, vanished, moved, readableAgain = [], left = [] }) => {
    const diff = diffJobs(observed, new Map(previous.map((t) => [t.id, t])), vanished);
    expect(diff.moved.map((m) => [m.job.id, m.before?.status ?? null])).toEqual(moved);
    expect(diff.readableAgain.map((m) => m.job.id)).toEqual(readableAgain);
    expect(diff.left.map((t) => t.id)).toEqual(left);
  });

  test('a move carries the job as read now and the tracked row as it was', () => {
    const now = job('a', 'completed');
    const before = tracked('a', 'running');
    const [move] = diffJobs([now], new Map([['a', before]])).moved;
    expect(move?.job).toBe(now);
    expect(move?.before).toBe(before);
  });
});
