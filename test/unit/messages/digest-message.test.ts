/** The scheduled digest message: a table of counts (one, in a message only), the rest in sections, within Slack's limits. */
import type { DigestReport } from '../../../src/domain/digest-schedule';
import { header, section, table, type Message } from '../../../src/messages/blocks';
import { buildScheduledDigest } from '../../../src/messages/digest-message';
import { fitMessage, fitModal } from '../../../src/messages/limits';
import { buildDigestReport } from '../../../src/reports/digest-report';
import { unsafeMarkup, validateMessage, validateModal } from '../../support/block-kit-validator';
import { makeJob } from '../../support/jobs';

const SINCE = Date.UTC(2026, 10, 27, 14);
const DUE = Date.UTC(2026, 10, 28, 14);
const SCHEDULE = { cadence: 'daily', weekday: null, minutes: 540, timeZone: 'America/New_York' } as const;

function report(fields: Partial<DigestReport> = {}): DigestReport {
  const at = (h: number) => SINCE + h * 3_600_000;
  const finished = [
    makeJob({ createdAt: at(1), startedAt: at(1), endedAt: at(1) + 600_000 }),
    makeJob({ createdAt: at(2), startedAt: at(2), endedAt: at(2) + 60_000, numErrors: 2 }),
    makeJob({ status: 'failed', rawStatus: 'FAILED', createdAt: at(3), startedAt: at(3), endedAt: at(3) + 5_000, errorMessage: 'Quota exceeded for <!channel> & co' }),
    makeJob({ createdAt: SINCE - 3_600_000 }),
  ];
  const active = [makeJob({ status: 'running', rawStatus: 'IN_PROGRESS', createdAt: at(20), startedAt: at(20), endedAt: null })];
  const counts = { counts: { queued: 0, running: 1, completed: 2, failed: 1 }, completedWithErrors: 1 };
  const built = buildDigestReport(SCHEDULE, 'batch', { dueAt: DUE, since: SINCE, until: DUE + 20_000 }, { counts, failures: [finished[2]!], finished, finishedCapped: false, active });
  return { ...built, ...fields };
}

const cells = (message: Message): string[][] => {
  const block = message.blocks.find((b) => b.type === 'table');
  return block && block.type === 'table' ? block.rows.map((row) => row.map((cell) => cell.text)) : [];
};

test('counts go in one table, with the same counts in the fallback text', () => {
  const message = buildScheduledDigest(report());
  expect(validateMessage(message)).toEqual([]);
  expect(unsafeMarkup(message)).toEqual([]);
  expect(message.text).toBe('Daily digest: 4 jobs — 1 running, 2 completed (1 with errors), 1 failed; 1 job queued or running');
  expect(cells(message)).toEqual([
    ['Status', 'Jobs', 'Share'],
    ['Queued', '0', '0%'],
    ['Running', '1', '25%'],
    ['Completed (1 with errors)', '2', '50%'],
    ['Failed', '1', '25%'],
    ['Total', '4', '100%'],
  ]);
  const shown = JSON.stringify(message.blocks);
  expect(shown).toContain('1 job: Quota exceeded for &lt;!channel&gt; &amp; co');
  expect(shown).toContain('*Slowest*\\n• 10 min');
  expect(shown).toContain('*Running now* (1 job)');
  expect(shown).toContain('every day at 09:00 (America/New_York)');
  expect(shown).not.toContain('posted late');
});

test('runs have no queue: no queued row, and the window words say started', () => {
  const message = buildScheduledDigest(report({ source: 'runs' }));
  expect(cells(message).map((row) => row[0])).toEqual(['Status', 'Running', 'Completed (1 with errors)', 'Failed', 'Total']);
  expect(JSON.stringify(message.blocks)).toContain('started since the last digest');
});

test('a quiet period has no table, and a late digest says why', () => {
  const quiet = report();
  const message = buildScheduledDigest({ ...quiet, summary: { ...quiet.summary, total: 0, counts: { queued: 0, running: 0, completed: 0, failed: 0 }, until: DUE + 3 * 3_600_000 } });
  expect(validateMessage(message)).toEqual([]);
  expect(cells(message)).toEqual([]);
  expect(message.text).toBe('Daily digest: no new jobs; 1 job queued or running');
  expect(JSON.stringify(message.blocks)).toContain('posted late: the app was not running then');
});

test('a hostile zone name from Slack is escaped', () => {
  const message = buildScheduledDigest(report({ schedule: { ...SCHEDULE, timeZone: '<!channel>' } }));
  expect(unsafeMarkup(message)).toEqual([]);
});

describe('tables and Slack’s rules', () => {
  const big = table(Array.from({ length: 150 }, (_, r) => Array.from({ length: 25 }, (_, c) => (c === 0 && r === 1 ? '' : `${r}.${c}`))));

  test('one table a message, at most 100 rows of 20 cells, no empty cell', () => {
    const fitted = fitMessage({ text: 'x', blocks: [header('t'), big, table([['a']]), section('s')] });
    expect(validateMessage(fitted)).toEqual([]);
    const [kept, ...others] = fitted.blocks.filter((b) => b.type === 'table');
    expect(others).toEqual([]);
    expect(kept?.type === 'table' && kept.rows.length).toBe(100);
    expect(kept?.type === 'table' && kept.rows[1]![0]!.text).toBe('—');
  });

  test('no table in a modal', () => {
    const view = fitModal({ type: 'modal', title: { type: 'plain_text', text: 't' }, blocks: [header('t'), table([['a']])] });
    expect(view.blocks.map((b) => b.type)).toEqual(['header']);
    expect(validateModal(view)).toEqual([]);
  });

  test('the validator knows the rules (docs.slack.dev/reference/block-kit/blocks/table-block)', () => {
    expect(validateMessage({ text: 'x', blocks: [table([['a']]), table([['b']])] })).toEqual(['blocks: 2 table blocks > 1 (only_one_table_allowed)']);
    expect(validateMessage({ text: 'x', blocks: [big] })).toEqual(
      expect.arrayContaining(['blocks[0].rows: 150 > 100 items', 'blocks[0].rows[0]: 25 > 20 items', 'blocks[0].rows[1][0]: raw_text needs a non-empty text']),
    );
    expect(validateModal({ type: 'modal', title: { type: 'plain_text', text: 't' }, blocks: [table([['a']])] })).toEqual(['blocks: 1 table blocks, where tables are not allowed (messages only)']);
    expect(validateMessage({ text: 'x', blocks: [{ ...table([['a']]), column_settings: [{ align: 'middle' }] }] })).toEqual(['blocks[0].column_settings[0]: align "middle"']);
  });
});
