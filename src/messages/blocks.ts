/**
 * The few Block Kit shapes our messages use, narrowed from `@slack/types` so limits.ts can walk
 * every text without guessing, and small constructors so builders read like the layout.
 * Every type here is assignable to `KnownBlock` / `ModalView`.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  RawTextElement,
  SectionBlock,
  TableBlock,
} from '@slack/types';

export type TextObject = PlainTextElement | MrkdwnElement;

export interface Section extends SectionBlock {
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Button;
}

export interface Context extends ContextBlock {
  elements: TextObject[];
}

export interface Actions extends ActionsBlock {
  elements: Button[];
}

/**
 * A `table` block (docs.slack.dev/reference/block-kit/blocks/table-block): rows of plain-text
 * cells. Messages only (not modals or App Home), one per message; limits.ts keeps both rules.
 */
export interface Table extends TableBlock {
  rows: RawTextElement[][];
}

export type MessageBlock = HeaderBlock | Section | Context | Actions | DividerBlock | Table;

/** What every message builder returns: fallback text (notifications, screen readers) and blocks. */
export interface Message {
  text: string;
  blocks: MessageBlock[];
}

export interface Modal extends ModalView {
  blocks: MessageBlock[];
}

/**
 * `verbatim` stops Slack from auto-linking URLs and channel names in our text; our own
 * `<!date…>` tokens are explicit and still render.
 */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function plain(text: string): PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text) };
}

export function section(text: string, accessory?: Button, blockId?: string): Section {
  const block: Section = { type: 'section', text: mrkdwn(text) };
  if (accessory !== undefined) block.accessory = accessory;
  if (blockId !== undefined) block.block_id = blockId;
  return block;
}

export function context(...texts: string[]): Context {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

export function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', text: plain(text), action_id: actionId, value };
}

export function actions(buttons: Button[]): Actions {
  return { type: 'actions', elements: buttons };
}

/** A table of plain-text cells, the first row its header; `align` per column (left when left out). */
export function table(rows: readonly (readonly string[])[], align: readonly ('left' | 'center' | 'right')[] = []): Table {
  const block: Table = { type: 'table', rows: rows.map((row) => row.map((text): RawTextElement => ({ type: 'raw_text', text }))) };
  if (align.length > 0) block.column_settings = align.map((a) => ({ align: a }));
  return block;
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}
