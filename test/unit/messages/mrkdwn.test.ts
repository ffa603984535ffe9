import {
  clip,
  code,
  escapeMrkdwn,
  formatDuration,
  oneLine,
  packLines,
  plural,
  slackDate,
  truncate,
} from '../../../src/messages/mrkdwn';

describe('escapeMrkdwn', () => {
  it.each([
    ['plain words', 'plain words'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U1>', '&lt;@U1&gt;'],
    ['<https://evil|Looks legit>', '&lt;https://evil|Looks legit&gt;'],
    ['a & b', 'a &amp; b'],
    // `&` first: the entities we add are not escaped twice, but one typed by a user is.
    ['&lt;', '&amp;lt;'],
    ['<&>', '&lt;&amp;&gt;'],
    // Nothing else is touched: Slack would show other entities literally.
    [`"quotes" 'apostrophes' *bold* _it_ ~s~ \`c\``, `"quotes" 'apostrophes' *bold* _it_ ~s~ \`c\``],
    ['', ''],
    ['😀 <😀>', '😀 &lt;😀&gt;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['abcdefghijk', 10, 'abcdefghi…'],
    ['abc', 1, '…'],
    ['abc', 0, ''],
    // An entity is never cut in half: the cut moves before its `&`.
    ['abcdef&amp;xyz', 10, 'abcdef…'],
    ['abcdefg&lt;xyz', 10, 'abcdefg…'],
    ['abcde&gt;xyz', 10, 'abcde&gt;…'],
    // A surrogate pair (one emoji) is never split.
    ['abcdefg😀xyz', 10, 'abcdefg😀…'],
    ['abcdefgh😀xyz', 10, 'abcdefgh…'],
    ['abcdefghi😀xyz', 10, 'abcdefghi…'],
    // One of our date tokens is dropped whole rather than left open.
    ['at <!date^1^{time}|00:00 UTC> ok', 20, 'at …'],
  ])('truncate(%j, %i) → %j', (input, n, expected) => {
    const out = truncate(input, n);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(Math.max(0, n));
  });

  it('never leaves a lone surrogate or a broken entity, whatever the length', () => {
    const text = escapeMrkdwn('😀<a&b>'.repeat(50));
    for (let n = 1; n < text.length; n += 1) {
      const out = truncate(text, n);
      expect(out.length).toBeLessThanOrEqual(n);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });
});

describe('slackDate', () => {
  const at = Date.UTC(2026, 10, 28, 9, 14, 3, 999);
  it.each([
    [at, undefined, undefined, '<!date^1795857243^{date_short_pretty} at {time}|2026-11-28 09:14 UTC>'],
    [at, '{date_num} {time_secs}', 'seconds' as const, '<!date^1795857243^{date_num} {time_secs}|2026-11-28 09:14:03 UTC>'],
    [at, '{date_long}', 'date' as const, '<!date^1795857243^{date_long}|2026-11-28>'],
    [0, undefined, undefined, '<!date^0^{date_short_pretty} at {time}|1970-01-01 00:00 UTC>'],
    // Characters that would close the token early are removed from the format.
    [at, '{time}|<b>^', undefined, '<!date^1795857243^{time}b|2026-11-28 09:14 UTC>'],
    [Number.NaN, undefined, undefined, 'an unknown time'],
    [1e20, undefined, undefined, 'an unknown time'],
  ])('slackDate(%p, %p, %p)', (ms, format, style, expected) => {
    expect(slackDate(ms, format, style)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [850.4, '850 ms'],
    [999.6, '1 s'],
    [1000, '1 s'],
    [42_000, '42 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [3_600_000, '1 h'],
    [7_440_000, '2 h 4 min'],
    [86_400_000, '1 d'],
    [3 * 86_400_000 + 2 * 3_600_000 + 59_000, '3 d 2 h'],
    [-5, '0 ms'],
    [Number.NaN, 'unknown'],
  ])('%p ms → %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('small text helpers', () => {
  it('oneLine flattens line breaks and runs of space', () => {
    expect(oneLine('  a\n\nb\t c  ')).toBe('a b c');
  });

  it('clip escapes before it shortens, so the limit holds after escaping', () => {
    expect(clip('<<<<<', 10)).toBe('&lt;&lt;…');
    expect(clip('a\nb', 10)).toBe('a b');
  });

  it('code wraps in backticks, escapes, and cannot be broken out of', () => {
    expect(code('<!here>', 50)).toBe('`&lt;!here&gt;`');
    expect(code('a`b', 50)).toBe("`a'b`");
    expect(code('', 50)).toBe('(empty)');
    expect(code('x'.repeat(100), 12).length).toBeLessThanOrEqual(12);
  });

  it('plural', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'more job')).toBe('2 more jobs');
    expect(plural(1_000_000, 'prediction')).toBe('1,000,000 predictions');
  });
});

describe('packLines', () => {
  it('keeps every line that fits', () => {
    expect(packLines(['a', 'b'], 100)).toBe('a\nb');
  });

  it('ends with an honest "and N more" inside the limit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const out = packLines(lines, 60);
    expect(out.length).toBeLessThanOrEqual(60);
    const shown = out.split('\n').filter((l) => l.startsWith('line '));
    expect(out.endsWith(`and ${50 - shown.length} more`)).toBe(true);
    expect(shown.length).toBeGreaterThan(0);
  });

  it('counts lines the caller left out before rendering', () => {
    expect(packLines(['a', 'b'], 100, 10)).toBe('a\nb\nand 8 more');
  });
});
