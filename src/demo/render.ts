/**
 * Block Kit JSON → readable terminal text: the demo's view of what Slack would show. Pure, and
 * forgiving: it reads whatever JSON the Slack stand-in recorded (not our typed builders), so an
 * unexpected shape renders as a short placeholder instead of throwing.
 */
import { ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../messages/action-ids';
import { emojify, renderMrkdwn, renderPlainText, type InlineOptions } from './render-inline';
import { padVisible, plainStyle, visibleWidth, type Style } from './style';

export interface RenderOptions extends InlineOptions {
  /** Terminal columns, for putting section fields side by side; 100 when unknown. */
  width?: number;
  /** One line per block (message edits): the reader saw the full version already. */
  compact?: boolean;
}

type Json = Record<string, unknown>;

const DEFAULT_WIDTH = 100;
const GAP = '   ';

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function styleOf(options: RenderOptions): Style {
  return options.style ?? plainStyle;
}

/** A text object (`mrkdwn` or `plain_text`) as terminal text; '' for anything else. */
export function renderTextObject(value: unknown, options: RenderOptions = {}): string {
  if (!isRecord(value)) return '';
  const text = str(value.text) ?? '';
  return value.type === 'mrkdwn' ? renderMrkdwn(text, options) : renderPlainText(text, value.emoji !== false);
}

/** `[Details]`, `[‹ Previous]`, `[Next ›]`: paging buttons get arrows, as they read in Slack. */
export function renderButton(element: Json, options: RenderOptions = {}): string {
  const label = renderTextObject(element.text, options);
  const id = str(element.action_id);
  const text = id === ACTION_PAGE_NEXT ? `${label} ›` : id === ACTION_PAGE_PREV ? `‹ ${label}` : label;
  const kind = element.style === 'primary' || element.style === 'danger' ? element.style : undefined;
  return styleOf(options).button(`[${text}]`, kind);
}

/** Interactive elements other than buttons appear as what they ask for. */
function renderElement(element: Json, options: RenderOptions): string {
  if (element.type === 'button') return renderButton(element, options);
  const placeholder = renderTextObject(element.placeholder, options);
  return styleOf(options).button(`[${placeholder || (str(element.type) ?? 'element')} ▾]`);
}

function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** Two fields per row when both columns fit the width, one per line otherwise (as Slack on a phone). */
function renderFields(fields: Json[], options: RenderOptions): string[] {
  const rendered = fields.map((field) => lines(renderTextObject(field, options)));
  const width = options.width ?? DEFAULT_WIDTH;
  const column = Math.max(0, ...rendered.flat().map(visibleWidth));
  if (options.compact || column * 2 + GAP.length > width) return rendered.flat();
  const out: string[] = [];
  for (let i = 0; i < rendered.length; i += 2) {
    const left = rendered[i] ?? [];
    const right = rendered[i + 1] ?? [];
    for (let row = 0; row < Math.max(left.length, right.length); row++) {
      const pair = right.length > 0 ? padVisible(left[row] ?? '', column) + GAP + (right[row] ?? '') : (left[row] ?? '');
      out.push(pair.trimEnd());
    }
  }
  return out;
}

function renderSection(block: Json, options: RenderOptions): string[] {
  const out = [...lines(renderTextObject(block.text, options)), ...renderFields(records(block.fields), options)];
  const accessory = isRecord(block.accessory) ? renderElement(block.accessory, options) : null;
  if (accessory === null) return out;
  // Slack shows the accessory to the right of the text: the end of the first line is closest.
  const [first, ...rest] = out;
  return [first === undefined ? accessory : `${first}  ${accessory}`, ...rest];
}

function renderContext(block: Json, options: RenderOptions): string[] {
  const parts = records(block.elements).map((element) =>
    element.type === 'image' ? `[${str(element.alt_text) ?? 'image'}]` : renderTextObject(element, options),
  );
  return lines(parts.join('  ')).map((line) => styleOf(options).dim(line));
}

function renderHeader(block: Json, options: RenderOptions): string[] {
  const style = styleOf(options);
  const text = renderTextObject(block.text, options);
  if (options.compact) return [style.bold(text)];
  return style.color ? [style.bold(style.underline(text))] : [text, '═'.repeat(visibleWidth(text))];
}

/** rich_text (typed by people, not built by us): its words, lists as bullets, quotes with `>`. */
function richText(element: Json, options: RenderOptions): string {
  const style = styleOf(options);
  switch (element.type) {
    case 'text':
      return str(element.text) ?? '';
    case 'link':
      return str(element.text) ?? style.underline(str(element.url) ?? '');
    case 'emoji':
      return emojify(`:${str(element.name) ?? ''}:`);
    case 'user':
      return style.accent(`@${options.users?.[str(element.user_id) ?? ''] ?? str(element.user_id) ?? ''}`);
    case 'channel':
      return style.accent(`#${options.channels?.[str(element.channel_id) ?? ''] ?? str(element.channel_id) ?? ''}`);
    case 'rich_text_list':
      return records(element.elements)
        .map((item) => `• ${richText(item, options)}`)
        .join('\n');
    case 'rich_text_quote':
      return lines(records(element.elements).map((e) => richText(e, options)).join(''))
        .map((line) => `> ${line}`)
        .join('\n');
    default:
      // The block's own children are paragraphs; a section's are runs of text within a line.
      return records(element.elements)
        .map((e) => richText(e, options))
        .join(element.type === 'rich_text' ? '\n' : '');
  }
}

/** A table block: its cells in columns, padded to the widest cell of each. */
function renderTable(block: Json, options: RenderOptions): string[] {
  const rows = (Array.isArray(block.rows) ? block.rows : []).map((row) => records(row).map((cell) => str(cell.text) ?? richText(cell, options)));
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, visibleWidth(cell))), []);
  const style = styleOf(options);
  return rows.map((row, r) => {
    const line = row.map((cell, i) => padVisible(cell, widths[i] ?? 0)).join(GAP).trimEnd();
    return r === 0 ? style.bold(line) : line;
  });
}

function renderBlock(block: Json, options: RenderOptions): string[] {
  const style = styleOf(options);
  switch (block.type) {
    case 'header':
      return renderHeader(block, options);
    case 'section':
      return renderSection(block, options);
    case 'context':
      return renderContext(block, options);
    case 'actions':
      return [records(block.elements).map((element) => renderElement(element, options)).join(' ')];
    case 'divider':
      return options.compact ? [] : [style.dim('─'.repeat(Math.min(40, options.width ?? DEFAULT_WIDTH)))];
    case 'image':
      return [style.dim(`[image: ${str(block.alt_text) ?? 'no description'}]`)];
    case 'rich_text':
      return lines(richText(block, options));
    case 'input':
      return [`${renderTextObject(block.label, options)}: ${style.button('[input]')}`];
    case 'table':
      return renderTable(block, options);
    default:
      return [style.dim(`[${str(block.type) ?? 'unknown'} block]`)];
  }
}

/** Blocks as lines, in order; in compact mode each block is folded onto one line. */
export function renderBlocks(blocks: unknown, options: RenderOptions = {}): string[] {
  const out: string[] = [];
  for (const block of records(blocks)) {
    const rendered = renderBlock(block, options).filter((line) => line !== '');
    if (options.compact && rendered.length > 1) out.push(rendered.join(styleOf(options).dim(' · ')));
    else out.push(...rendered);
  }
  return out;
}

/** A message: its blocks when it has any, else its fallback text (which is mrkdwn too). */
export function renderMessage(message: unknown, options: RenderOptions = {}): string[] {
  if (!isRecord(message)) return [];
  const blocks = records(message.blocks);
  if (blocks.length > 0) return renderBlocks(blocks, options);
  const text = lines(renderMrkdwn(str(message.text) ?? '', options));
  return options.compact ? [text.join(' · ')] : text;
}

/** A modal: its title as a header, its blocks, then its Close (and Submit) buttons. */
export function renderModal(view: unknown, options: RenderOptions = {}): string[] {
  if (!isRecord(view)) return [];
  const title = renderBlock({ type: 'header', text: view.title }, options);
  const buttons = [view.close, view.submit]
    .filter(isRecord)
    .map((text) => renderButton({ type: 'button', text }, options))
    .join(' ');
  return [...title, ...renderBlocks(view.blocks, options), ...(buttons === '' ? [] : [buttons])];
}
