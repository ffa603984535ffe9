import { defaultFilter } from '../../../src/jobs/filter';
import { decodePageState, encodePageState, nextPage, previousPage, type PageState } from '../../../src/slack/page-state';

const first = (): PageState => ({ filter: { ...defaultFilter(), statuses: ['failed'] }, public: false, cursor: null, previous: [], index: 0 });

describe('page state in a button value', () => {
  test('round-trips', () => {
    const state = nextPage(nextPage(first(), 'c1'), 'c2');
    expect(decodePageState(encodePageState(state))).toEqual(state);
  });

  test.each([
    ['not JSON', 'next'],
    ['JSON of another shape', JSON.stringify({ page: 2 })],
    ['a negative page', JSON.stringify({ f: defaultFilter(), p: false, c: null, v: [], i: -1 })],
    ['a page size above the limit', JSON.stringify({ f: { ...defaultFilter(), limit: 10_000 }, p: false, c: null, v: [], i: 0 })],
    ['an unknown status', JSON.stringify({ f: { ...defaultFilter(), statuses: ['exploded'] }, p: false, c: null, v: [], i: 0 })],
    ['a huge cursor', JSON.stringify({ f: defaultFilter(), p: false, c: 'x'.repeat(5000), v: [], i: 0 })],
    ['empty', ''],
  ])('%s is not ours: null', (_name, value) => {
    expect(decodePageState(value)).toBeNull();
  });

  test('a long history stays under the 2,000-character value limit by forgetting its oldest pages', () => {
    let state = first();
    for (let i = 0; i < 60; i++) state = nextPage(state, `cursor-${'x'.repeat(40)}-${i}`);
    const value = encodePageState(state);
    expect(value.length).toBeLessThanOrEqual(2000);
    const back = decodePageState(value)!;
    expect(back.index).toBe(60);
    expect(back.cursor).toBe(state.cursor);
    expect(back.previous.length).toBeLessThan(state.previous.length);
    expect(back.previous.at(-1)).toBe(state.previous.at(-1));
  });
});

describe('next and previous', () => {
  test.each<{ name: string; from: PageState; expected: Pick<PageState, 'cursor' | 'previous' | 'index'> }>([
    { name: 'previous of page two is page one', from: nextPage(first(), 'c1'), expected: { cursor: null, previous: [], index: 0 } },
    { name: 'previous of page three is page two', from: nextPage(nextPage(first(), 'c1'), 'c2'), expected: { cursor: 'c1', previous: [null], index: 1 } },
    { name: 'previous with a forgotten start falls back to page one', from: { ...first(), cursor: 'c9', previous: [], index: 9 }, expected: { cursor: null, previous: [], index: 0 } },
    { name: 'previous of page one stays on page one', from: first(), expected: { cursor: null, previous: [], index: 0 } },
  ])('$name', ({ from, expected }) => {
    expect(previousPage(from)).toMatchObject(expected);
  });

  test('next remembers where this page started', () => {
    expect(nextPage(first(), 'c1')).toMatchObject({ cursor: 'c1', previous: [null], index: 1 });
  });
});
