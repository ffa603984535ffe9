import type { Button } from '@slack/types';
import {
  actions,
  button,
  context,
  divider,
  header,
  mrkdwn,
  plain,
  section,
  type MessageBlock,
  type Modal,
} from '../../../src/messages/blocks';
import { blockTextLength, entryBlockId, fitMessage, fitModal, LIMITS } from '../../../src/messages/limits';
import { allTexts, unsafeMarkup, validateMessage, validateModal } from '../../support/block-kit-validator';
import { HOSTILE } from './jobs';

const nav = (): MessageBlock => actions([button('Next', 'hume_jobs.page_next', 'cursor-2')]);
const entries = (n: number, text: string): MessageBlock[] =>
  Array.from({ length: n }, (_, i) => section(`${i}:${text}`, button('Details', 'hume_jobs.details', `id-${i}`), entryBlockId(0, i)));

describe('the validator itself', () => {
  // If these pass vacuously, every "validateMessage(...) is []" below proves nothing.
  it.each([
    ['no blocks', { text: 'x', blocks: [] }, 'blocks: 0 < 1'],
    ['51 blocks', { text: 'x', blocks: Array.from({ length: 51 }, () => divider()) }, '51 > 50'],
    ['empty fallback', { text: ' ', blocks: [divider()] }, 'fallback'],
    ['long fallback', { text: 'x'.repeat(4001), blocks: [divider()] }, '4001 > 4000'],
    ['empty text', { text: 'x', blocks: [section('')] }, 'empty text'],
    ['long section', { text: 'x', blocks: [section('x'.repeat(3001))] }, '3001 > 3000'],
    ['long header', { text: 'x', blocks: [header('x'.repeat(151))] }, '151 > 150'],
    ['mrkdwn header', { text: 'x', blocks: [{ type: 'header', text: mrkdwn('x') }] }, 'not in plain_text'],
    ['11 fields', { text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }] }, '11 > 10'],
    ['long field', { text: 'x', blocks: [{ type: 'section', fields: [plain('f'.repeat(2001))] }] }, '2001 > 2000'],
    ['11 context elements', { text: 'x', blocks: [context(...Array.from({ length: 11 }, () => 'c'))] }, '11 > 10'],
    ['long button text', { text: 'x', blocks: [actions([button('b'.repeat(76), 'a', 'v')])] }, '76 > 75'],
    ['long button value', { text: 'x', blocks: [actions([button('b', 'a', 'v'.repeat(2001))])] }, 'value 2001'],
    ['long action_id', { text: 'x', blocks: [actions([button('b', 'a'.repeat(256), 'v')])] }, 'action_id 256'],
    ['over budget', { text: 'x', blocks: Array.from({ length: 4 }, () => section('x'.repeat(2600))) }, 'budget'],
    ['repeated block id', { text: 'x', blocks: [section('a', undefined, 'b1'), section('b', undefined, 'b1')] }, 'repeated'],
    ['unknown block', { text: 'x', blocks: [{ type: 'image' }] }, 'unknown block type'],
    ['unknown key', { text: 'x', blocks: [{ type: 'divider', droppable: true }] }, 'unexpected key'],
  ])('flags %s', (_name, message, problem) => {
    expect(validateMessage(message).join('\n')).toContain(problem);
  });

  it('flags a modal with 101 blocks or a 25-character title', () => {
    const view = { type: 'modal', title: plain('x'.repeat(25)), blocks: Array.from({ length: 101 }, () => divider()) };
    const problems = validateModal(view).join('\n');
    expect(problems).toContain('101 > 100');
    expect(problems).toContain('25 > 24');
  });

  it('finds mentions, links and bare ampersands, and accepts date tokens and entities', () => {
    expect(unsafeMarkup({ text: 'hi <!channel>' })).toEqual(['<!channel>']);
    expect(unsafeMarkup([{ text: '<@U1>' }, { text: 'a & b' }, { text: 'x > y' }])).toHaveLength(3);
    expect(unsafeMarkup({ text: 'at <!date^1^{time}|00:00 UTC> &lt;b&gt; &amp;' })).toEqual([]);
    expect(allTexts({ blocks: [{ text: { text: 'deep' } }] })).toEqual(['deep']);
  });
});

describe('fitMessage', () => {
  it('leaves a valid message as it was', () => {
    const message = { text: 'hello', blocks: [header('Title'), ...entries(3, 'job'), context('Showing 1–3'), nav()] };
    expect(fitMessage(message)).toEqual(message);
  });

  it('drops trailing entries past 50 blocks, keeps header, context line and navigation, and says how many', () => {
    const message = { text: 'list', blocks: [header('Title'), ...entries(60, 'job'), context('Showing 1–60'), nav()] };
    const fitted = fitMessage(message, { omitted: (n) => `${n} more jobs left out` });
    expect(validateMessage(fitted)).toEqual([]);
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks[0]).toEqual(header('Title'));
    expect(fitted.blocks.at(-1)).toEqual(nav());
    expect(fitted.blocks.at(-2)).toEqual(context('Showing 1–60'));
    // 46 entries kept, then the note where the first dropped entry stood.
    expect(fitted.blocks[46]).toMatchObject({ block_id: entryBlockId(0, 45) });
    expect(fitted.blocks[47]).toEqual(context('14 more jobs left out'));
  });

  it('drops entries, not the whole message, when the text budget overflows', () => {
    const message = { text: 'list', blocks: [header('Title'), ...entries(10, 'x'.repeat(1500)), context('Showing 1–10'), nav()] };
    const fitted = fitMessage(message);
    expect(validateMessage(fitted)).toEqual([]);
    const kept = fitted.blocks.filter((b) => b.block_id?.startsWith('entry-'));
    expect(kept).toHaveLength(6);
    expect(allTexts(fitted).join('\n')).toContain('4 more entries were left out');
  });

  it('shortens texts to their own limits without breaking entities', () => {
    const longButton: Button = button('b'.repeat(100), 'a', 'v');
    const fitted = fitMessage({
      text: '&amp;'.repeat(2000),
      blocks: [
        header('&lt;'.repeat(100)),
        section('&gt;'.repeat(1000), longButton),
        { type: 'section', fields: Array.from({ length: 12 }, () => mrkdwn('f&amp;'.repeat(500))) },
        context(...Array.from({ length: 12 }, () => 'c')),
      ],
    });
    expect(validateMessage(fitted)).toEqual([]);
    expect(unsafeMarkup(fitted)).toEqual([]);
    expect(fitted.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('replaces empty texts and an empty fallback, which Slack rejects', () => {
    const fitted = fitMessage({ text: '', blocks: [section('  '), context(''), header('Title')] });
    expect(validateMessage(fitted)).toEqual([]);
    expect(fitted.text).toBe('—');
  });

  it('leaves out buttons it cannot shorten without breaking them, and an actions block left empty', () => {
    const tooLong = 'v'.repeat(LIMITS.buttonValue + 1);
    const fitted = fitMessage({
      text: 'x',
      blocks: [section('job', button('Details', 'hume_jobs.details', tooLong)), actions([button('Next', 'n', tooLong)])],
    });
    expect(validateMessage(fitted)).toEqual([]);
    expect(fitted.blocks).toEqual([section('job')]);
  });

  it('holds the block and budget limits even with no entries to drop', () => {
    const blocks = [header('T'), ...Array.from({ length: 80 }, () => section(HOSTILE.slice(0, 2999))), nav()];
    const fitted = fitMessage({ text: 'x', blocks });
    expect(validateMessage(fitted)).toEqual([]);
    expect(fitted.blocks[0]).toEqual(header('T'));
    expect(fitted.blocks.at(-1)).toEqual(nav());
    expect(blockTextLength(fitted.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
  });

  it('does not change the blocks it was given', () => {
    const blocks = [section('x'.repeat(5000))];
    fitMessage({ text: 'x', blocks });
    expect(blocks[0]?.text?.text).toHaveLength(5000);
  });
});

describe('fitModal', () => {
  it('shortens title and close to 24 characters and holds 100 blocks', () => {
    const view: Modal = {
      type: 'modal',
      title: plain('A title far longer than twenty-four'),
      close: plain('Close this window now please'),
      blocks: Array.from({ length: 130 }, (_, i) => section(`s${i}`, undefined, entryBlockId(0, i))),
    };
    const fitted = fitModal(view);
    expect(validateModal(fitted)).toEqual([]);
    expect(fitted.blocks).toHaveLength(100);
    expect(fitted.title.text).toBe('A title far longer than…');
  });
});
