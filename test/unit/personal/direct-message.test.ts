/** A DM reads like the channel alert (status, id, cause, Details) and says why it came; a backlog of DMs folds into one DM. */
import { foldBacklog } from '../../../src/alerts/backlog-digest';
import type { DirectPayload } from '../../../src/domain/alert-payload';
import type { OutboxRow } from '../../../src/domain/outbox';
import { buildDirectMessage } from '../../../src/messages/direct-message';
import { makeJob } from '../../support/jobs';

const now = Date.UTC(2026, 10, 28, 12);
const dm = (reason: DirectPayload['reason'], count = 1): DirectPayload => ({
  type: 'dm',
  userId: 'U1',
  reason,
  changes: Array.from({ length: count }, () => ({ job: makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Media <!here> too *long*' }), from: 'running' as const, to: 'failed' as const })),
  mention: null,
});

test('one failure: status, short id, the escaped cause, a Details button, and why it came', () => {
  const payload = dm('watch');
  const message = buildDirectMessage(payload, now);
  const text = JSON.stringify(message.blocks);
  expect(message.text).toBe(`Job ${payload.changes[0]!.job.id.slice(0, 8)} failed: Media &lt;!here&gt; too *long*`);
  expect(text).toContain('*Failed*');
  expect(text).toContain('Media &lt;!here&gt; too *long*');
  expect(text).not.toContain('<!here>');
  expect(text).toContain('"action_id":"hume_jobs.details"');
  expect(text).toContain('that watch is now over');
  expect(JSON.stringify(buildDirectMessage(dm('rule'), now).blocks)).toContain('`/hume-jobs notify me off` stops it');
});

test('several changes at once are one DM listing them', () => {
  const message = buildDirectMessage(dm('rule', 12), now);
  expect(message.text).toContain('12 job updates');
  expect(JSON.stringify(message.blocks)).toContain('notify me off');
});

test("a person's waiting DMs fold into one DM to them, named by the rows it folds", () => {
  const rows: OutboxRow[] = [1, 2, 3].map((id) => ({
    id,
    kind: 'dm',
    channelId: 'U1',
    jobId: null,
    dedupeKey: `dm:rule:${id}`,
    payload: dm('rule'),
    createdAt: now,
    attempts: 0,
    postedTs: null,
    steps: {},
    lastError: null,
  }));
  const [folded, ...rest] = foldBacklog('U1', rows, now);
  expect(rest).toEqual([]);
  expect(folded).toMatchObject({ channelId: 'U1', jobId: null, dedupeKey: 'dm:backlog:U1:1-3:3', payload: { type: 'dm', userId: 'U1', reason: 'rule', mention: null } });
  expect(folded!.payload.type === 'dm' && folded!.payload.changes).toHaveLength(3);
});
