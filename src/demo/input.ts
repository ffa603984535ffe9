/**
 * One line typed at the demo's prompt. `/hume-jobs` is optional: a bare `failed since 2h` is the
 * command's text. A few words that are not part of the command press buttons or end the demo;
 * typed after `/hume-jobs` they go to the app like any other word.
 */
export type DemoInput =
  | { kind: 'blank' }
  | { kind: 'command'; text: string }
  | { kind: 'page'; direction: 'next' | 'prev' }
  | { kind: 'details'; target: string }
  | { kind: 'exit' };

const COMMAND_PREFIX = /^\/?hume-jobs(?:\s+|$)/i;

export function parseDemoInput(line: string): DemoInput {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'blank' };
  if (COMMAND_PREFIX.test(trimmed)) return { kind: 'command', text: trimmed.replace(COMMAND_PREFIX, '') };
  const [word = '', ...rest] = trimmed.split(/\s+/);
  switch (word.toLowerCase()) {
    case 'next':
      return rest.length === 0 ? { kind: 'page', direction: 'next' } : { kind: 'command', text: trimmed };
    case 'prev':
    case 'previous':
      return rest.length === 0 ? { kind: 'page', direction: 'prev' } : { kind: 'command', text: trimmed };
    case 'details':
      return { kind: 'details', target: rest.join(' ') };
    case 'exit':
    case 'quit':
      return rest.length === 0 ? { kind: 'exit' } : { kind: 'command', text: trimmed };
    default:
      return { kind: 'command', text: trimmed };
  }
}
