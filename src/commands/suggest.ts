/** Nearest-word suggestions for typos ("faild" → "failed"). */

function cell(row: readonly number[], j: number): number {
  return row[j] ?? Number.POSITIVE_INFINITY;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment variant: insertions, deletions,
 * substitutions and swaps of two neighbours each cost 1). Compares code points, not UTF-16
 * units, so an emoji counts as one character.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(cell(previous, j) + 1, cell(current, j - 1) + 1, cell(previous, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d = Math.min(d, cell(before, j - 2) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return cell(previous, t.length);
}

/**
 * How many edits still look like a typo rather than another word: none for one or two
 * letters (too many words are that close), one up to five letters, two up to eight, then three.
 */
export function typoAllowance(lengthA: number, lengthB: number): number {
  if (Math.min(lengthA, lengthB) <= 2) return 0;
  const longer = Math.max(lengthA, lengthB);
  if (longer <= 5) return 1;
  return longer <= 8 ? 2 : 3;
}

/** The candidate nearest to `word` (case-insensitive) within the typo allowance; first wins ties. */
export function nearestWord(word: string, candidates: Iterable<string>): string | null {
  const lower = word.toLowerCase();
  const length = Array.from(lower).length;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const allowance = typoAllowance(length, Array.from(candidate).length);
    // Lengths alone rule most candidates out; this keeps a 10,000-character word cheap.
    if (Math.abs(length - candidate.length) > allowance) continue;
    const distance = editDistance(lower, candidate);
    if (distance <= allowance && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
