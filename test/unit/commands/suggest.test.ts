/** Damerau–Levenshtein distance and the typo threshold. */
import { editDistance, nearestWord, typoAllowance } from '../../../src/commands/suggest';

describe('editDistance', () => {
  test.each<[string, string, number]>([
    ['', '', 0],
    ['failed', 'failed', 0],
    ['', 'abc', 3],
    ['faild', 'failed', 1],
    ['fialed', 'failed', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['🙂a', 'a🙂', 1],
  ])('%j ↔ %j = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('typoAllowance grows with the length of the words', () => {
  test.each<[number, number, number]>([
    [1, 6, 0],
    [2, 2, 0],
    [3, 3, 1],
    [5, 5, 1],
    [4, 6, 2],
    [8, 8, 2],
    [9, 11, 3],
    [40, 40, 3],
  ])('%i and %i letters → %i', (a, b, expected) => {
    expect(typoAllowance(a, b)).toBe(expected);
  });
});

describe('nearestWord', () => {
  const words = ['failed', 'failing', 'queued', 'asc'];
  test.each<[string, string | null]>([
    ['FAILD', 'failed'],
    ['failin', 'failing'],
    ['faile', 'failed'],
    ['acs', 'asc'],
    ['as', null],
    ['qqqqqq', null],
    ['x'.repeat(10_000), null],
  ])('%j → %j', (word, expected) => {
    expect(nearestWord(word, words)).toBe(expected);
  });

  test('on a tie the earlier candidate wins', () => {
    expect(nearestWord('abcf', ['abcd', 'abce'])).toBe('abcd');
    expect(nearestWord('abcf', ['abce', 'abcd'])).toBe('abce');
  });
});
