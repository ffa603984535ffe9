/** Splitting text into words: Slack's spaces, quotes, entities, key:value. */
import { normalizeText } from '../../../src/commands/normalize';
import { phrase, tokenize } from '../../../src/commands/tokenize';

describe('normalizeText', () => {
  test.each<[string, string]>([
    ['  failed \u00a0\u2007 since\u202f2h  ', 'failed since 2h'],
    ['“failed” ‘running’ «live»', 'failed running live'],
    ['fa\u200bil\u00aded', 'failed'],
    // What a person types as `<`/`>` arrives as entities and can never read as a Slack sequence.
    ['&lt;!here&gt; a&amp;b &amp;lt;', '\uff1c!here\uff1e a&b &lt;'],
    ['<!here> ＜!here＞', '<!here> \uff1c!here\uff1e'],
    ['failed,running;', 'failed running;'],
    ['ＬＩＭＩＴ　５', 'LIMIT 5'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  test.each<[string, string[]]>([
    ['limit:20 sort:ended', ['limit', '20', 'sort', 'ended']],
    ['since: 2h', ['since', '2h']],
    ['since 2026-11-01T09:30+02:00', ['since', '2026-11-01T09:30+02:00']],
    ['mention:<!subteam^S1|@on call>', ['mention', '<!subteam^S1|@on call>']],
    ['failed. running! (queued) ?', ['failed', 'running', 'queued', '?']],
    ['failed . — …', ['failed']],
    ['<foo', ['\uff1cfoo']],
  ])('%j → %j', (input, expected) => {
    expect(tokenize(input).map((t) => t.text)).toEqual(expected);
  });

  test('a key:value value is explicit and the pair is shown back as typed', () => {
    const tokens = tokenize('job:public limit 5');
    expect(tokens.map((t) => t.explicit)).toEqual([false, true, false, false]);
    expect(phrase(tokens, 0, 2)).toBe('job:public');
    expect(phrase(tokens, 2, 4)).toBe('limit 5');
  });
});
