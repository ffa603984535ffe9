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

type Json = Record<string, unknown>;

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  header: ['type', 'text', 'block_id'],
  section: ['type', 'text', 'fields', 'accessory', 'block_id', 'expand'],
  context: ['type', 'elements', 'block_id'],
  actions: ['type', 'elements', 'block_id'],
  divider: ['type', 'block_id'],
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
    default:
      problems.push(`${path}: unknown block type ${String(block.type)}`);
      return 0;
  }
}

function checkBlocks(blocks: unknown, maxBlocks: number, problems: string[]): void {
  const list = checkArray(blocks, 'blocks', 1, maxBlocks, problems);
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
  checkBlocks(message.blocks, MESSAGE_BLOCKS, problems);
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
