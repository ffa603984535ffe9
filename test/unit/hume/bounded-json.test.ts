import fc from 'fast-check';
import { boundJson, ITEM_BOUNDS, TOO_DEEP } from '../../../src/hume/bounded-json';

describe('boundJson', () => {
  test('values within the limits come back equal', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(boundJson(value)).toEqual(value);
      }),
    );
  });

  test('anything comes back within every limit, however deep or large', () => {
    const deep = JSON.parse('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)) as unknown;
    const wide = { message: 'x'.repeat(5 * 1024 * 1024), urls: Array.from({ length: 50_000 }, (_, i) => `https://media.example.com/${i}`) };
    for (const value of [deep, wide, [deep, wide]]) {
      const bounded = boundJson(value);
      const text = JSON.stringify(bounded);
      expect(text.length).toBeLessThanOrEqual(ITEM_BOUNDS.maxItemChars);
    }
    expect(JSON.stringify(boundJson(deep))).toContain(TOO_DEEP);
  });

  test('short fields survive when the bulk beside them is cut', () => {
    const job = { job_id: 'j-1', state: { status: 'FAILED', message: 'E0200: '.padEnd(1_000_000, 'x') }, request: { urls: Array.from({ length: 5_000 }, (_, i) => `u${i}`.padEnd(200, 'u')) } };
    const bounded = boundJson(job) as typeof job;
    expect(bounded.job_id).toBe('j-1');
    expect(bounded.state.status).toBe('FAILED');
    expect(bounded.state.message.startsWith('E0200: xxx')).toBe(true);
    expect(bounded.state.message.length).toBeLessThanOrEqual(ITEM_BOUNDS.maxStringChars);
    expect(bounded.request.urls.length).toBeGreaterThan(0);
  });

  test('a "__proto__" key stays a plain key', () => {
    const bounded = boundJson(JSON.parse('{"__proto__":{"polluted":true},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(bounded)).toBe(Object.prototype);
    expect(Object.keys(bounded)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
