import { ACTION_DETAILS, ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../../../src/messages/action-ids';
import { actions, button, context, divider, header, section } from '../../../src/messages/blocks';
import { buildJobList } from '../../../src/messages/job-list';
import { slackDate } from '../../../src/messages/mrkdwn';
import { renderMrkdwn, renderPlainText } from '../../../src/demo/render-inline';
import { renderBlocks, renderMessage, renderModal } from '../../../src/demo/render';
import { ansiStyle, plainStyle, stripAnsi, styleFor, visibleWidth } from '../../../src/demo/style';
import { batchJob, NOW } from '../messages/jobs';

const names = { channels: { C0HUME: 'hume-alerts' }, users: { U0ADA: 'ada' } };

describe('renderMrkdwn: inline text', () => {
  it.each([
    ['status emojis', ':white_check_mark: :x: :hourglass_flowing_sand: :arrows_counterclockwise: :warning:', '✅ ❌ ⏳ 🔄 ⚠️'],
    ['unknown emojis stay as codes', ':party_parrot: done', ':party_parrot: done'],
    ['clock times are not emoji codes', 'at 10:30:45', 'at 10:30:45'],
    ['date tokens show their fallback', `created ${slackDate(Date.UTC(2026, 10, 28, 9, 14))}`, 'created 2026-11-28 09:14 UTC'],
    ['date token with a link', '<!date^1764321240^{date}^https://x.test|Nov 28>', 'Nov 28'],
    ['escaped entities are unescaped', 'a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['an escaped broadcast is shown, not parsed', '&lt;!channel&gt; file', '<!channel> file'],
    ['other entities stay as typed', '&quot;x&quot;', '&quot;x&quot;'],
    ['known channel by name', 'see <#C0HUME>', 'see #hume-alerts'],
    ['channel with its own label', 'see <#C0OTHER|general>', 'see #general'],
    ['unknown channel by id', 'see <#C0OTHER>', 'see #C0OTHER'],
    ['known user mention', 'by <@U0ADA>', 'by @ada'],
    ['unknown user mention', 'by <@U0BOB>', 'by @U0BOB'],
    ['user group with a handle', '<!subteam^S0123|@ml-team> look', '@ml-team look'],
    ['user group without a handle', '<!subteam^S0123> look', '@S0123 look'],
    ['broadcasts', '<!here> and <!channel>', '@here and @channel'],
    ['link with a label', '<https://hume.ai/x?a=1&amp;b=2|docs>', 'docs (https://hume.ai/x?a=1&b=2)'],
    ['bare link', '<https://hume.ai>', 'https://hume.ai'],
    ['bold and italic lose their markers without color', '*Usage* and _note_', 'Usage and note'],
    ['strike keeps its markers without color', '~old~', '~old~'],
    ['snake_case is not italic', 'identify_speakers_now', 'identify_speakers_now'],
    ['code keeps its backticks', 'id `1a2b3c4d`', 'id `1a2b3c4d`'],
    ['code is literal: no emoji or tokens inside', '`:x: &lt;#C0HUME&gt; *b*`', '`:x: <#C0HUME> *b*`'],
    ['code blocks', '```line one\nline two```', '`line one\nline two`'],
  ])('%s', (_name, input, expected) => {
    expect(renderMrkdwn(input, names)).toBe(expected);
  });

  it('styles with ANSI when colors are on, and the visible text stays the same', () => {
    const styled = renderMrkdwn('*Failed* `1a2b3c4d` _x_ ~y~ <#C0HUME>', { ...names, style: ansiStyle });
    expect(styled).toContain('\u001b[1mFailed\u001b[22m');
    expect(styled).toContain('\u001b[33m1a2b3c4d\u001b[39m');
    expect(styled).toContain('\u001b[9my\u001b[29m');
    expect(stripAnsi(styled)).toBe('Failed 1a2b3c4d x y #hume-alerts');
  });

  it.each([
    ['entities and emoji', 'Error: &lt;none&gt; :warning:', true, 'Error: <none> ⚠️'],
    ['emoji: false keeps codes', 'a :x:', false, 'a :x:'],
    ['no mrkdwn in plain text', '*not bold* <#C1>', true, '*not bold* <#C1>'],
  ])('plain_text: %s', (_name, input, emoji, expected) => {
    expect(renderPlainText(input, emoji)).toBe(expected);
  });
});

describe('renderBlocks: every block type', () => {
  it.each([
    ['header (underlined without color)', [header('Failed jobs')], ['Failed jobs', '═══════════']],
    ['section text, one line per line', [section('*One*\ntwo')], ['One', 'two']],
    ['section with a button accessory', [section(':x: Failed  `1a2b3c4d`\nmore', button('Details', ACTION_DETAILS, 'id'))], ['❌ Failed  `1a2b3c4d`  [Details]', 'more']],
    ['context: elements side by side', [context('Showing 1–10', 'newest first')], ['Showing 1–10  newest first']],
    ['context with an image', [{ type: 'context', elements: [{ type: 'image', image_url: 'https://x', alt_text: 'logo' }, { type: 'mrkdwn', text: 'hi' }] }], ['[logo]  hi']],
    ['actions: paging buttons get arrows', [actions([button('Previous', ACTION_PAGE_PREV, 'p'), button('Next', ACTION_PAGE_NEXT, 'n')])], ['[‹ Previous] [Next ›]']],
    ['actions: other elements show what they ask', [{ type: 'actions', elements: [{ type: 'static_select', placeholder: { type: 'plain_text', text: 'Pick one' } }] }], ['[Pick one ▾]']],
    ['divider', [divider()], ['────────────────────────────────────────']],
    ['image', [{ type: 'image', image_url: 'https://x', alt_text: 'a chart' }], ['[image: a chart]']],
    ['rich_text', [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'hi ' }, { type: 'user', user_id: 'U0ADA' }, { type: 'emoji', name: 'x' }] }, { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }] }] }], ['hi @ada❌', '• one']],
    ['input', [{ type: 'input', label: { type: 'plain_text', text: 'Name' }, element: { type: 'plain_text_input' } }], ['Name: [input]']],
    ['unknown blocks as a placeholder', [{ type: 'video' }], ['[video block]']],
    ['non-objects are skipped', [null, 3, 'x', section('kept')], ['kept']],
  ])('%s', (_name, blocks, expected) => {
    expect(renderBlocks(blocks, names)).toEqual(expected);
  });

  it('puts two fields side by side when they fit, one per line when they do not', () => {
    const fields = { type: 'section', fields: [{ type: 'mrkdwn', text: '*Median queue wait*\n9 s' }, { type: 'mrkdwn', text: '*Median run time*\n2 min' }] };
    expect(renderBlocks([fields], { width: 80 })).toEqual(['Median queue wait   Median run time', '9 s                 2 min']);
    expect(renderBlocks([fields], { width: 30 })).toEqual(['Median queue wait', '9 s', 'Median run time', '2 min']);
  });

  it('aligns fields by what shows, not by ANSI codes or emoji bytes', () => {
    const fields = { type: 'section', fields: [{ type: 'mrkdwn', text: ':x: *a*' }, { type: 'mrkdwn', text: 'b' }, { type: 'mrkdwn', text: 'long one' }, { type: 'mrkdwn', text: 'c' }] };
    const [first = '', second = ''] = renderBlocks([fields], { style: ansiStyle, width: 80 }).map(stripAnsi);
    const column = (line: string, char: string) => visibleWidth(line.slice(0, line.indexOf(char)));
    expect(column(first, 'b')).toBe(column(second, 'c'));
  });

  it('folds each block onto one line in compact mode (message edits)', () => {
    const blocks = [header('Title'), section('*one*\ntwo', button('Details', ACTION_DETAILS, 'x')), divider(), context('a', 'b')];
    expect(renderBlocks(blocks, { compact: true })).toEqual(['Title', 'one  [Details] · two', 'a  b']);
  });

  it('styles headers, context and buttons with color', () => {
    const [title, , small, buttons] = renderBlocks([header('T'), section('s'), context('c'), actions([button('Next', ACTION_PAGE_NEXT, 'n')])], { style: ansiStyle });
    expect(title).toBe('\u001b[1m\u001b[4mT\u001b[24m\u001b[22m');
    expect(small).toBe('\u001b[2mc\u001b[22m');
    expect(stripAnsi(buttons ?? '')).toBe('[Next ›]');
  });
});

describe('renderMessage and renderModal', () => {
  it('renders a real job list from our builder: header, entries, buttons, no raw tokens', () => {
    const message = buildJobList({
      jobs: [batchJob({ id: '1a2b3c4d-0000-4000-8000-000000000001', status: 'failed', errorMessage: 'E0200: <bad> & worse' })],
      title: 'Failed jobs',
      now: NOW,
      page: { index: 0, hasPrev: false, hasNext: true, prevValue: null, nextValue: 'n' },
      totalShownBefore: 0,
    });
    const text = renderMessage(message).join('\n');
    expect(text).toMatch(/^Failed jobs\n═+\n❌ Failed {2}`1a2b3c4d` .*\[Details\]/);
    expect(text).toContain('Error: E0200: <bad> & worse');
    expect(text).toContain('[Next ›]');
    expect(text).not.toMatch(/<!date|&lt;|&amp;|:x:/);
  });

  it.each([
    ['blocks win over the fallback', { text: 'fallback', blocks: [section('shown')] }, {}, ['shown']],
    ['no blocks: the fallback text, as mrkdwn', { text: ':x: Job &lt;a&gt;' }, {}, ['❌ Job <a>']],
    ['compact fallback on one line', { text: 'a\nb' }, { compact: true }, ['a · b']],
    ['not a message', 'nope', {}, []],
  ])('%s', (_name, message, options, expected) => {
    expect(renderMessage(message, options)).toEqual(expected);
  });

  it('renders a modal: title, blocks, then its buttons', () => {
    const view = { type: 'modal', title: { type: 'plain_text', text: 'Job 1a2b3c4d' }, close: { type: 'plain_text', text: 'Close' }, blocks: [section('*ID* `x`')] };
    expect(renderModal(view)).toEqual(['Job 1a2b3c4d', '════════════', 'ID `x`', '[Close]']);
  });
});

describe('style', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
  ])('isTTY %s, env %j → colors %s', (isTTY, env, color) => {
    expect(styleFor(isTTY, env).color).toBe(color);
  });

  it.each([
    ['abc', 3],
    ['✅ ok', 5],
    ['⚠️', 2],
    ['\u001b[1mbold\u001b[22m', 4],
  ])('%j takes %i columns', (text, width) => {
    expect(visibleWidth(text)).toBe(width);
  });

  it('plain style changes nothing', () => {
    expect(plainStyle.bold('x') + plainStyle.button('[y]', 'primary')).toBe('x[y]');
  });
});
