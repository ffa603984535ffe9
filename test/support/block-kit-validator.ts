/**
 * An independent check of Block Kit's limits (docs.slack.dev reference/block-kit/blocks) over plain JSON. It shares
 * no code with src/messages/limits.ts on purpose: a bug there must not be mirrored here.
 * Each function returns a list of problems, empty when the payload is valid.
 */

const MESSAGE_BLOCKS = 50;
const MODAL_BLOCKS = 100;
const TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;
const HEADER_MAX = 150;
const CONTEXT_ELEMENTS_MAX = 10;
const ACTIONS_ELEMENTS_MAX = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const ACTION_ID_MAX = 255;
const BLOCK_ID_MAX = 255;
const VIEW_TEXT_MAX = 24;
const FALLBACK_MAX = 4000;
const TEXT_BUDGET = 10_000;
/**
 * The table block (docs.slack.dev/reference/block-kit/blocks/table-block): at most 100 rows of
 * at most 20 cells, each `raw_text` (non-empty text) or `rich_text`; at most 20 column_settings
 * (`align` left/center/right, `is_wrapped`). Slack takes one table a message (it answers
 * `invalid_attachments`/`only_one_table_allowed` to a second) and tables only in messages
 * (Block Kit's block reference lists no other surface for it).
 */
const TABLE_ROWS = 100;
const TABLE_CELLS = 20;
const TABLE_COLUMN_SETTINGS = 20;
const TABLE_ALIGN = ['left', 'center', 'right'];

type Json = Record<string, unknown>;

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  header: ['type', 'text', 'block_id'],
  section: ['type', 'text', 'fields', 'accessory', 'block_id', 'expand'],
  context: ['type', 'elements', 'block_id'],
  actions: ['type', 'elements', 'block_id'],
  divider: ['type', 'block_id'],
  table: ['type', 'block_id', 'rows', 'column_settings'],
  raw_text: ['type', 'text'],
  button: ['type', 'text', 'action_id', 'value', 'url', 'style', 'confirm', 'accessibility_label'],
  plain_text: ['type', 'text', 'emoji'],
  mrkdwn: ['type', 'text', 'verbatim'],
};

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Json, path: string, problems: string[]): void {
  const allowed = ALLOWED_KEYS[String(obj.type)];
  if (!allowed) return;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${path}: unexpected key "${key}"`);
  }
}

/** A text object; returns its length for the budget (0 when invalid). */
function checkText(
  v: unknown,
  path: string,
  max: number,
  problems: string[],
  types: readonly string[] = ['plain_text', 'mrkdwn'],
): number {
  if (!isRecord(v)) {
    problems.push(`${path}: not a text object`);
    return 0;
  }
  checkKeys(v, path, problems);
  if (!types.includes(String(v.type))) problems.push(`${path}: type ${String(v.type)} not in ${types.join('/')}`);
  if (typeof v.text !== 'string') {
    problems.push(`${path}: text is not a string`);
    return 0;
  }
  if (v.text.trim() === '') problems.push(`${path}: empty text`);
  if (v.text.length > Math.min(max, TEXT_MAX)) problems.push(`${path}: ${v.text.length} > ${Math.min(max, TEXT_MAX)} chars`);
  return v.text.length;
}

function checkButton(v: unknown, path: string, problems: string[]): number {
  if (!isRecord(v) || v.type !== 'button') {
    problems.push(`${path}: not a button`);
    return 0;
  }
  checkKeys(v, path, problems);
  const length = checkText(v.text, `${path}.text`, BUTTON_TEXT_MAX, problems, ['plain_text']);
  if (typeof v.action_id !== 'string' || v.action_id === '') problems.push(`${path}: missing action_id`);
  else if (v.action_id.length > ACTION_ID_MAX) problems.push(`${path}: action_id ${v.action_id.length} > ${ACTION_ID_MAX}`);
  if (v.value !== undefined) {
    if (typeof v.value !== 'string') problems.push(`${path}: value not a string`);
    else if (v.value.length > BUTTON_VALUE_MAX) problems.push(`${path}: value ${v.value.length} > ${BUTTON_VALUE_MAX}`);
  }
  return length;
}

function checkArray(v: unknown, path: string, min: number, max: number, problems: string[]): unknown[] {
  if (!Array.isArray(v)) {
    problems.push(`${path}: not an array`);
    return [];
  }
  if (v.length < min) problems.push(`${path}: ${v.length} < ${min} items`);
  if (v.length > max) problems.push(`${path}: ${v.length} > ${max} items`);
  return v;
}

/** A table's rows and settings; returns its characters of cell text. */
function checkTable(block: Json, path: string, problems: string[]): number {
  let n = 0;
  checkArray(block.rows, `${path}.rows`, 1, TABLE_ROWS, problems).forEach((row, r) => {
    checkArray(row, `${path}.rows[${r}]`, 1, TABLE_CELLS, problems).forEach((cell, c) => {
      const at = `${path}.rows[${r}][${c}]`;
      if (!isRecord(cell)) return void problems.push(`${at}: not a cell`);
      checkKeys(cell, at, problems);
      if (cell.type === 'rich_text') {
        if (!Array.isArray(cell.elements)) problems.push(`${at}: rich_text without elements`);
      } else if (cell.type === 'raw_text') {
        if (typeof cell.text !== 'string' || cell.text === '') problems.push(`${at}: raw_text needs a non-empty text`);
        else n += cell.text.length;
      } else problems.push(`${at}: cell type ${String(cell.type)} is neither raw_text nor rich_text`);
    });
  });
  if (block.column_settings !== undefined) {
    checkArray(block.column_settings, `${path}.column_settings`, 0, TABLE_COLUMN_SETTINGS, problems).forEach((setting, i) => {
      const at = `${path}.column_settings[${i}]`;
      if (!isRecord(setting)) return void problems.push(`${at}: not an object`);
      for (const key of Object.keys(setting)) if (key !== 'align' && key !== 'is_wrapped') problems.push(`${at}: unexpected key "${key}"`);
      if (setting.align !== undefined && !(typeof setting.align === 'string' && TABLE_ALIGN.includes(setting.align))) problems.push(`${at}: align ${JSON.stringify(setting.align)}`);
      if (setting.is_wrapped !== undefined && typeof setting.is_wrapped !== 'boolean') problems.push(`${at}: is_wrapped not a boolean`);
    });
  }
  return n;
}

/** One block; returns its characters of text. */
function checkBlock(block: unknown, path: string, problems: string[]): number {
  if (!isRecord(block)) {
    problems.push(`${path}: not an object`);
    return 0;
  }
  checkKeys(block, path, problems);
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > BLOCK_ID_MAX)) {
    problems.push(`${path}: bad block_id`);
  }
  switch (block.type) {
    case 'header':
      return checkText(block.text, `${path}.text`, HEADER_MAX, problems, ['plain_text']);
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.push(`${path}: neither text nor fields`);
      let n = block.text === undefined ? 0 : checkText(block.text, `${path}.text`, TEXT_MAX, problems);
      if (block.fields !== undefined) {
        checkArray(block.fields, `${path}.fields`, 1, FIELDS_MAX, problems).forEach((f, i) => {
          n += checkText(f, `${path}.fields[${i}]`, FIELD_MAX, problems);
        });
      }
      if (block.accessory !== undefined) n += checkButton(block.accessory, `${path}.accessory`, problems);
      return n;
    }
    case 'context':
      return checkArray(block.elements, `${path}.elements`, 1, CONTEXT_ELEMENTS_MAX, problems).reduce<number>(
        (n, e, i) => n + checkText(e, `${path}.elements[${i}]`, TEXT_MAX, problems),
        0,
      );
    case 'actions':
      return checkArray(block.elements, `${path}.elements`, 1, ACTIONS_ELEMENTS_MAX, problems).reduce<number>(
        (n, e, i) => n + checkButton(e, `${path}.elements[${i}]`, problems),
        0,
      );
    case 'divider':
      return 0;
    case 'table':
      return checkTable(block, path, problems);
    default:
      problems.push(`${path}: unknown block type ${String(block.type)}`);
      return 0;
  }
}

function checkBlocks(blocks: unknown, maxBlocks: number, problems: string[], maxTables = 0): void {
  const list = checkArray(blocks, 'blocks', 1, maxBlocks, problems);
  const tables = list.filter((block) => isRecord(block) && block.type === 'table').length;
  if (tables > maxTables) problems.push(maxTables === 0 ? `blocks: ${tables} table blocks, where tables are not allowed (messages only)` : `blocks: ${tables} table blocks > ${maxTables} (only_one_table_allowed)`);
  let total = 0;
  const ids = new Set<string>();
  list.forEach((block, i) => {
    total += checkBlock(block, `blocks[${i}]`, problems);
    const id = isRecord(block) ? block.block_id : undefined;
    if (typeof id === 'string') {
      if (ids.has(id)) problems.push(`blocks[${i}]: repeated block_id ${id}`);
      ids.add(id);
    }
  });
  if (total > TEXT_BUDGET) problems.push(`blocks: ${total} chars of text > budget ${TEXT_BUDGET}`);
}

/** `{ text, blocks }` as posted with chat.postMessage or respond(). */
export function validateMessage(message: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(message)) return ['message is not an object'];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('text: missing or empty fallback');
  else if (message.text.length > FALLBACK_MAX) problems.push(`text: ${message.text.length} > ${FALLBACK_MAX}`);
  checkBlocks(message.blocks, MESSAGE_BLOCKS, problems, 1);
  return problems;
}

/** A modal view as given to views.open / views.update. */
export function validateModal(view: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(view)) return ['view is not an object'];
  if (view.type !== 'modal') problems.push('type is not modal');
  checkText(view.title, 'title', VIEW_TEXT_MAX, problems, ['plain_text']);
  if (view.close !== undefined) checkText(view.close, 'close', VIEW_TEXT_MAX, problems, ['plain_text']);
  if (view.submit !== undefined) checkText(view.submit, 'submit', VIEW_TEXT_MAX, problems, ['plain_text']);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) problems.push('callback_id too long');
  checkBlocks(view.blocks, MODAL_BLOCKS, problems);
  return problems;
}

/** Every string under a `text` key, anywhere: what Slack reads as (mrkdwn or plain) text. */
export function allTexts(payload: unknown): string[] {
  if (Array.isArray(payload)) return payload.flatMap(allTexts);
  if (!isRecord(payload)) return [];
  return Object.entries(payload).flatMap(([key, value]) =>
    key === 'text' && typeof value === 'string' ? [value] : allTexts(value),
  );
}

const DATE_TOKEN = /^<!date\^\d+\^[^<>|^]+\|[^<>|]+>/;
const ENTITY = /^&(amp|lt|gt);/;

/**
 * Markup that did not come from us: any `<…>` other than a date token (a mention, a broadcast,
 * a link) and any `&` or `>` that is not part of an entity or a date token.
 */
export function unsafeMarkup(payload: unknown): string[] {
  const found: string[] = [];
  for (const text of allTexts(payload)) {
    for (let i = 0; i < text.length; i += 1) {
      const rest = text.slice(i);
      const ch = text[i];
      if (ch === '<') {
        const token = DATE_TOKEN.exec(rest);
        const close = rest.indexOf('>');
        const end = token ? token[0].length : close >= 0 ? close + 1 : 1;
        if (!token) found.push(rest.slice(0, Math.min(end, 40)));
        i += end - 1;
      } else if (ch === '&' && !ENTITY.test(rest)) found.push(rest.slice(0, 40));
      else if (ch === '>') found.push(text.slice(Math.max(0, i - 20), i + 1));
    }
  }
  return found;
}
