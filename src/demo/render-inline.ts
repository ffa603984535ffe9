/**
 * Slack's inline text (mrkdwn and plain_text objects) as a terminal would best show it: emoji
 * codes as symbols, `<…>` tokens as what a Slack client displays for them, entities unescaped,
 * and bold, italic, strike and code as ANSI styles. Pure: the names of channels and users and the
 * style are passed in.
 */
import { plainStyle, type Style } from './style';

export interface InlineOptions {
  style?: Style;
  /** Channel id → name (without `#`), for `<#C123>`. */
  channels?: Readonly<Record<string, string>>;
  /** User id → name (without `@`), for `<@U123>`. */
  users?: Readonly<Record<string, string>>;
}

/**
 * The status emojis (messages/status.ts) and the few others our messages use. Anything else is
 * left as `:name:`: a wrong symbol would be worse than the code.
 */
const EMOJI: Readonly<Record<string, string>> = {
  white_check_mark: '✅',
  x: '❌',
  hourglass_flowing_sand: '⏳',
  arrows_counterclockwise: '🔄',
  warning: '⚠️',
  mag: '🔍',
  bell: '🔔',
  no_bell: '🔕',
  thinking_face: '🤔',
};

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Replaces `:name:` codes we know; `10:30:45` and unknown names stay as they are. */
export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+'-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

/** The three entities Slack escapes; any other `&…;` is shown as typed, as Slack does. */
export function unescapeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** What a Slack client displays for one `<…>` token (the part between the brackets). */
function token(inner: string, options: InlineOptions): string {
  const style = options.style ?? plainStyle;
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? unescapeEntities(inner.slice(bar + 1)) : null;
  if (target.startsWith('!date^')) return label ?? 'a date';
  if (target.startsWith('!subteam^')) return style.accent(label ?? `@${target.slice('!subteam^'.length)}`);
  if (target.startsWith('!')) return style.accent(label ?? `@${target.slice(1)}`);
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return style.accent(`#${label ?? options.channels?.[id] ?? id}`);
  }
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return style.accent(`@${label ?? options.users?.[id] ?? id}`);
  }
  const url = unescapeEntities(target);
  return label === null || label === url ? style.underline(url) : `${label} ${style.dim(`(${url})`)}`;
}

/**
 * One pass over tokens and entities, so an escaped `&lt;!channel&gt;` becomes the text
 * `<!channel>` and is never read again as a token: it is shown, not broadcast.
 */
function tokensAndEntities(text: string, options: InlineOptions): string {
  return text.replace(/<([^<>]*)>|&(?:amp|lt|gt);/g, (whole, inner: string | undefined) =>
    inner === undefined ? unescapeEntities(whole) : token(inner, options),
  );
}

/**
 * `*bold*`, `_italic_`, `~strike~` with Slack's rule that markers sit at word edges, so
 * `snake_case_name` stays as it is. Without color, bold and italic lose their markers (the
 * words read fine) and strike keeps them (its meaning would be lost).
 */
function emphasis(text: string, style: Style): string {
  const apply = (marker: string, format: (s: string) => string, keepMarkers: boolean) => {
    const m = `\\${marker}`;
    const pattern = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?![\\w${m}])`, 'g');
    return (s: string) => s.replace(pattern, (_whole, before: string, inner: string) => before + (keepMarkers ? `${marker}${inner}${marker}` : format(inner)));
  };
  const strikeMarkers = !style.color;
  return [apply('*', style.bold, false), apply('_', style.italic, false), apply('~', style.strike, strikeMarkers)].reduce((s, f) => f(s), text);
}

/** Inline code keeps its backticks without color: ids stand out, and they are what users type back. */
function codeSpan(inner: string, style: Style): string {
  const text = unescapeEntities(inner);
  return style.color ? style.code(text) : `\`${text}\``;
}

/** A mrkdwn text object's text. Code spans are literal: no emoji, tokens or emphasis inside. */
export function renderMrkdwn(text: string, options: InlineOptions = {}): string {
  const style = options.style ?? plainStyle;
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/```([\s\S]*?)```|`([^`\n]+)`/g)) {
    const at = match.index;
    parts.push(emphasis(emojify(tokensAndEntities(text.slice(last, at), options)), style));
    parts.push(codeSpan(match[1] ?? match[2] ?? '', style));
    last = at + match[0].length;
  }
  parts.push(emphasis(emojify(tokensAndEntities(text.slice(last), options)), style));
  return parts.join('');
}

/** A plain_text object's text: entities unescaped and, unless `emoji: false`, emoji codes. */
export function renderPlainText(text: string, emoji = true): string {
  const unescaped = unescapeEntities(text);
  return emoji ? emojify(unescaped) : unescaped;
}
