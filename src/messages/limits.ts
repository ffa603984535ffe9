/**
 * The one place that enforces Block Kit's limits (docs.slack.dev reference/block-kit/blocks: 50 blocks a message, 100 a modal, 3,000 characters a section, 150 a header). Every builder passes its
 * output through `fitMessage` or `fitModal`, so no Hume payload, however long or strange, can
 * make Slack answer `invalid_blocks` or `msg_blocks_too_long`.
 */
import type { Button } from '@slack/types';
import { context, mrkdwn, type Message, type MessageBlock, type Modal, type TextObject } from './blocks';
import { truncate } from './mrkdwn';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  /** Any text object, section text and context elements included. */
  text: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  viewTitle: 24,
  /** A table: rows, cells in a row, column settings; one table a message, and none in views. */
  tableRows: 100,
  tableCells: 20,
  tableColumnSettings: 20,
  callbackId: 255,
  /** Slack's `msg_too_long` for `text` is 4,000 (40,000 before it silently truncates). */
  fallbackText: 4000,
  /**
   * Slack rejects block payloads somewhere around 11–13k characters of text, undocumented;
   * 10k leaves room. Modals use the same budget: a longer view is unreadable anyway.
   */
  textBudget: 10_000,
} as const;

/** Slack rejects empty text objects; this stands in for a value that turned out empty. */
const EMPTY_TEXT = '—';
const FALLBACK_WHEN_EMPTY = 'hume-jobs';

/**
 * Blocks whose `block_id` starts with this are list entries: the only blocks `fit*` may drop
 * when a message is too long. Everything else (header, context line, navigation) stays.
 */
export const ENTRY_PREFIX = 'entry-';

export function entryBlockId(page: number, index: number): string {
  return `${ENTRY_PREFIX}${page}-${index}`;
}

function isEntry(block: MessageBlock): boolean {
  return block.block_id?.startsWith(ENTRY_PREFIX) ?? false;
}

export interface FitOptions {
  /** The context line that says how many entries were left out, e.g. "3 more jobs…". */
  omitted?: (count: number) => string;
}

const defaultOmitted = (n: number): string =>
  `${n} more ${n === 1 ? 'entry was' : 'entries were'} left out to fit Slack's message size limit.`;

/** Every text in a block (text objects, table cells): what the budget counts and what shrinking may shorten. */
function textsOf(block: MessageBlock): { text: string }[] {
  switch (block.type) {
    case 'header':
      return [block.text];
    case 'section':
      return [
        ...(block.text ? [block.text] : []),
        ...(block.fields ?? []),
        ...(block.accessory ? [block.accessory.text] : []),
      ];
    case 'context':
      return block.elements;
    case 'actions':
      return block.elements.map((b) => b.text);
    case 'divider':
      return [];
    case 'table':
      return block.rows.flat();
  }
}

/** Characters of block text, the measure of the 10,000 budget. Button values are not text. */
export function blockTextLength(blocks: readonly MessageBlock[]): number {
  return blocks.reduce((sum, block) => sum + textsOf(block).reduce((n, t) => n + t.text.length, 0), 0);
}

function clampText<T extends TextObject>(t: T, max: number): T {
  const text = truncate(t.text, max);
  return { ...t, text: text.trim() === '' ? EMPTY_TEXT : text };
}

/**
 * A button whose value or action id is too long cannot be shortened without pointing at the
 * wrong job or page, so it is left out rather than sent broken.
 */
function clampButton(b: Button): Button | null {
  if ((b.value?.length ?? 0) > LIMITS.buttonValue) return null;
  if ((b.action_id?.length ?? 0) > LIMITS.actionId) return null;
  return { ...b, text: clampText(b.text, LIMITS.buttonText) };
}

/** One block inside its own limits, or null when nothing valid is left of it. */
function clampBlock(block: MessageBlock): MessageBlock | null {
  const copy = { ...block };
  if (copy.block_id !== undefined && copy.block_id.length > LIMITS.blockId) delete copy.block_id;
  switch (copy.type) {
    case 'header':
      return { ...copy, text: clampText(copy.text, LIMITS.header) };
    case 'section': {
      const out = { ...copy };
      if (out.text) out.text = clampText(out.text, LIMITS.text);
      if (out.fields) out.fields = out.fields.slice(0, LIMITS.fields).map((f) => clampText(f, LIMITS.field));
      if (out.fields?.length === 0) delete out.fields;
      if (!out.text && !out.fields) out.text = mrkdwn(EMPTY_TEXT);
      if (out.accessory) {
        const accessory = clampButton(out.accessory);
        if (accessory) out.accessory = accessory;
        else delete out.accessory;
      }
      return out;
    }
    case 'context': {
      const elements = copy.elements.slice(0, LIMITS.contextElements).map((e) => clampText(e, LIMITS.text));
      return { ...copy, elements: elements.length > 0 ? elements : [mrkdwn(EMPTY_TEXT)] };
    }
    case 'actions': {
      const elements = copy.elements
        .map(clampButton)
        .filter((b): b is Button => b !== null)
        .slice(0, LIMITS.actionsElements);
      return elements.length > 0 ? { ...copy, elements } : null;
    }
    case 'divider':
      return copy;
    case 'table': {
      const rows = copy.rows
        .slice(0, LIMITS.tableRows)
        .map((row) => row.slice(0, LIMITS.tableCells).map((cell) => ({ ...cell, text: cell.text.trim() === '' ? EMPTY_TEXT : truncate(cell.text, LIMITS.text) })))
        .filter((row) => row.length > 0);
      if (rows.length === 0) return null;
      const out = { ...copy, rows };
      if (out.column_settings) out.column_settings = out.column_settings.slice(0, LIMITS.tableColumnSettings);
      return out;
    }
  }
}

/** Slack takes one table a message and none in modals or App Home: the others are left out. */
function keepTables(blocks: MessageBlock[], allowed: number): MessageBlock[] {
  let left = allowed;
  return blocks.filter((block) => block.type !== 'table' || left-- > 0);
}

/** Slack wants block ids unique within a message; a repeat loses its id instead. */
function dropRepeatedIds(blocks: MessageBlock[]): void {
  const seen = new Set<string>();
  for (const block of blocks) {
    if (block.block_id === undefined) continue;
    if (seen.has(block.block_id)) delete block.block_id;
    else seen.add(block.block_id);
  }
}

interface Bounds {
  maxBlocks: number;
  textBudget: number;
  /** Tables allowed: one in a message, none in a view. */
  tables: number;
}

function overflows(blocks: readonly MessageBlock[], bounds: Bounds): boolean {
  return blocks.length > bounds.maxBlocks || blockTextLength(blocks) > bounds.textBudget;
}

/** The blocks without the last `count` entries, with the note where the first dropped one stood. */
function withoutLastEntries(blocks: readonly MessageBlock[], count: number, note: string): MessageBlock[] {
  const entryIndexes = blocks.flatMap((b, i) => (isEntry(b) ? [i] : []));
  const dropped = new Set(entryIndexes.slice(entryIndexes.length - count));
  const firstDropped = entryIndexes[entryIndexes.length - count];
  const out: MessageBlock[] = [];
  blocks.forEach((block, i) => {
    if (i === firstDropped) out.push(clampBlock(context(note)) ?? context(EMPTY_TEXT));
    if (!dropped.has(i)) out.push(block);
  });
  return out;
}

/** Header and navigation are what make a message usable; they go last, if ever. */
function isKept(block: MessageBlock): boolean {
  return block.type === 'header' || block.type === 'actions';
}

/**
 * Fits blocks in three steps, each only when the previous was not enough:
 * 1. drop trailing list entries, adding a line that says how many were left out;
 * 2. drop trailing blocks other than header and navigation (builders never get here);
 * 3. shorten the longest texts until the text budget holds.
 */
function fitBlocks(blocks: readonly MessageBlock[], bounds: Bounds, options: FitOptions): MessageBlock[] {
  const clamped = keepTables(blocks.map(clampBlock).filter((b): b is MessageBlock => b !== null), bounds.tables);
  dropRepeatedIds(clamped);
  const entryCount = clamped.filter(isEntry).length;
  const omitted = options.omitted ?? defaultOmitted;
  let fitted = clamped;
  for (let dropped = 1; overflows(fitted, bounds) && dropped <= entryCount; dropped += 1) {
    fitted = withoutLastEntries(clamped, dropped, omitted(dropped));
  }
  while (fitted.length > bounds.maxBlocks) {
    const last = fitted.findLastIndex((b) => !isKept(b));
    fitted.splice(last >= 0 ? last : fitted.length - 1, 1);
  }
  shrinkTexts(fitted, bounds.textBudget);
  return fitted;
}

/** Shortens the longest text, again and again, until the blocks are within `budget`. */
function shrinkTexts(blocks: MessageBlock[], budget: number): void {
  const texts = blocks.flatMap(textsOf);
  let excess = blockTextLength(blocks) - budget;
  while (excess > 0) {
    const longest = texts.reduce<{ text: string } | undefined>(
      (a, t) => (a === undefined || t.text.length > a.text.length ? t : a),
      undefined,
    );
    if (longest === undefined || longest.text.length <= 1) return;
    const shortened = truncate(longest.text, Math.max(1, longest.text.length - excess));
    excess -= longest.text.length - shortened.length;
    longest.text = shortened;
  }
}

/** Fallback text: non-empty, ≤4,000 characters, entity-safe. */
function fitFallback(text: string, blocks: readonly MessageBlock[]): string {
  const firstText = blocks.flatMap(textsOf)[0]?.text ?? FALLBACK_WHEN_EMPTY;
  const chosen = text.trim() === '' ? firstText : text;
  return truncate(chosen, LIMITS.fallbackText);
}

/** A message inside Block Kit's limits and the 10,000-character budget, with non-empty `text`. */
export function fitMessage(message: Message, options: FitOptions = {}): Message {
  const blocks = fitBlocks(message.blocks, { maxBlocks: LIMITS.messageBlocks, textBudget: LIMITS.textBudget, tables: 1 }, options);
  return { text: fitFallback(message.text, blocks), blocks };
}

/** A modal inside Block Kit's limits: ≤100 blocks, title and close ≤24 characters. */
export function fitModal(view: Modal, options: FitOptions = {}): Modal {
  const blocks = fitBlocks(view.blocks, { maxBlocks: LIMITS.modalBlocks, textBudget: LIMITS.textBudget, tables: 0 }, options);
  const out: Modal = { ...view, title: clampText(view.title, LIMITS.viewTitle), blocks };
  if (view.close) out.close = clampText(view.close, LIMITS.viewTitle);
  if (view.submit) out.submit = clampText(view.submit, LIMITS.viewTitle);
  if (view.callback_id !== undefined && view.callback_id.length > LIMITS.callbackId) delete out.callback_id;
  return out;
}

/** App Home blocks inside a view's limits (≤100 blocks, the same text budget as messages). */
export function fitHome(blocks: readonly MessageBlock[]): MessageBlock[] {
  return fitBlocks([...blocks], { maxBlocks: LIMITS.modalBlocks, textBudget: LIMITS.textBudget, tables: 0 }, {});
}
