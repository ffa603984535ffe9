/**
 * Plain English shared by the grammar (commands/, in its error lines) and the display
 * (messages/): a leaf that imports nothing, so neither of them imports the other.
 */

/** "a, b or c" */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}
