/** Reading a builder's output as text, for assertions on what a reader sees. */
import { allTexts } from '../../support/block-kit-validator';

/** Every text of a message or view, one per line. */
export function textOf(payload: unknown): string {
  return allTexts(payload).join('\n');
}

/** Each expected piece is asserted on its own, so a failure names the missing one. */
export function expectToContainAll(haystack: string, needles: readonly string[]): void {
  for (const needle of needles) expect(haystack).toContain(needle);
}
