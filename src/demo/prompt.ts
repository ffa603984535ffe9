/**
 * The prompt: reads lines (typed, or piped from a script), one at a time, and hands each to the
 * session, waiting for its reply before reading the next, so a piped script reads like a chat.
 */
import { createInterface, type Completer } from 'node:readline';
import { SUGGESTABLE_WORDS } from '../commands/vocabulary';
import { parseDemoInput, type DemoInput } from './input';
import type { Session } from './session';
import type { Style } from './style';
import type { Terminal } from './terminal';

export interface PromptOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WriteStream;
  interactive: boolean;
  terminal: Terminal;
  session: Session;
  style: Style;
  /** Aborted by a signal (Ctrl-C in a pipe, SIGTERM): stop reading at once. */
  signal?: AbortSignal;
}

/** How the prompt ended: `exit` or Ctrl-C (leave now), or the input ran out (a pipe: linger). */
export type PromptEnd = 'exit' | 'end-of-input';

const DEMO_WORDS = ['next', 'prev', 'details', 'exit'];
const WORDS = [...new Set([...DEMO_WORDS, ...SUGGESTABLE_WORDS])].sort();

/** Tab completes the word being typed from the command's own vocabulary. */
const complete: Completer = (line) => {
  const word = line.split(/\s+/).at(-1) ?? '';
  return [WORDS.filter((w) => w.startsWith(word.toLowerCase())), word];
};

/** What was typed, as it would appear in Slack's message box. */
function echo(input: DemoInput, line: string): string {
  return input.kind === 'command' ? `/hume-jobs ${input.text}`.trimEnd() : line.trim();
}

async function handle(input: DemoInput, session: Session): Promise<void> {
  switch (input.kind) {
    case 'command':
      return session.command(input.text);
    case 'page':
      return session.page(input.direction);
    case 'details':
      return session.details(input.target);
    case 'blank':
    case 'exit':
      return;
  }
}

export async function runPrompt(options: PromptOptions): Promise<PromptEnd> {
  const { interactive, terminal, style } = options;
  const readline = createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
    completer: interactive ? complete : undefined,
    historySize: interactive ? 100 : 0,
  });
  readline.setPrompt(`${style.accent('hume-jobs›')} `);
  let end: PromptEnd = 'end-of-input';
  const leave = () => {
    end = 'exit';
    readline.close();
  };
  // On a terminal, Ctrl-C reaches readline rather than the process.
  readline.on('SIGINT', leave);
  options.signal?.addEventListener('abort', leave, { once: true });
  const showPrompt = () => {
    if (!interactive) return;
    terminal.promptShown(readline);
    readline.prompt();
  };

  showPrompt();
  for await (const line of readline) {
    terminal.promptShown(null);
    const input = parseDemoInput(line);
    // A terminal echoes what was typed; a transcript from a pipe needs it written out.
    if (!interactive && input.kind !== 'blank') terminal.print([`${style.accent('›')} ${style.bold(echo(input, line))}`]);
    if (input.kind === 'exit') {
      end = 'exit';
      break;
    }
    await handle(input, options.session);
    showPrompt();
  }
  terminal.promptShown(null);
  readline.close();
  return end;
}
