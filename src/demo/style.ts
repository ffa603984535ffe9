/**
 * Terminal styling for the demo's view of Slack. Rendering takes a `Style` instead of testing for
 * a TTY itself, so it stays a pure function: the same blocks render with ANSI codes on a terminal
 * and as plain text in a pipe, a log or a test.
 */

export interface Style {
  readonly color: boolean;
  bold: (text: string) => string;
  dim: (text: string) => string;
  italic: (text: string) => string;
  underline: (text: string) => string;
  strike: (text: string) => string;
  /** Inline code: monospace has no meaning in a terminal, so it gets a color instead. */
  code: (text: string) => string;
  /** Names of things: channels, mentions, the prompt. */
  accent: (text: string) => string;
  /** Buttons, the only thing a reader can "click" (by typing its command). */
  button: (text: string, kind?: 'primary' | 'danger') => string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;

const identity = (text: string): string => text;

export const plainStyle: Style = {
  color: false,
  bold: identity,
  dim: identity,
  italic: identity,
  underline: identity,
  strike: identity,
  code: identity,
  accent: identity,
  button: identity,
};

const green = wrap(32, 39);
const red = wrap(31, 39);
const cyan = wrap(36, 39);
const yellow = wrap(33, 39);

export const ansiStyle: Style = {
  color: true,
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  italic: wrap(3, 23),
  underline: wrap(4, 24),
  strike: wrap(9, 29),
  code: yellow,
  accent: cyan,
  button: (text, kind) => (kind === 'primary' ? green : kind === 'danger' ? red : cyan)(text),
};

/**
 * Colors only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org).
 */
export function styleFor(isTTY: boolean, env: Record<string, string | undefined>): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTTY && !noColor ? ansiStyle : plainStyle;
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what this matches
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Emoji and wide (CJK) characters take two terminal columns; joiners and selectors none. */
const WIDE = /\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Combining marks, variation selectors (both Mn), joiners and other format characters (Cf). */
const ZERO_WIDTH = /[\p{Mn}\p{Cf}]/u;

/** Columns a string takes on a terminal, ignoring ANSI codes (close enough for aligning fields). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) {
    if (ZERO_WIDTH.test(char)) continue;
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

export function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}
