/**
 * Writes to the terminal without trampling the prompt: alerts arrive while someone is typing,
 * so on a TTY the prompt line is cleared, the lines printed above it, and the prompt redrawn with
 * what had been typed so far. In a pipe there is no prompt and lines are simply written.
 */
import { clearLine, cursorTo, type Interface } from 'node:readline';

export interface Terminal {
  print(lines: readonly string[]): void;
  /** The prompt is on screen (waiting for a line) or not (a command is being answered). */
  promptShown(readline: Interface | null): void;
}

export function createTerminal(out: NodeJS.WriteStream, interactive: boolean): Terminal {
  let prompt: Interface | null = null;
  return {
    print(lines) {
      if (lines.length === 0) return;
      if (interactive && prompt) {
        cursorTo(out, 0);
        clearLine(out, 0);
      }
      out.write(`${lines.join('\n')}\n`);
      // `true` keeps the cursor where the user left it in their half-typed line.
      if (interactive && prompt) prompt.prompt(true);
    },
    promptShown(readline) {
      prompt = readline;
    },
  };
}
