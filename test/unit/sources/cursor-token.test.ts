import { z } from 'zod';
import { decodeToken, encodeToken } from '../../../src/sources/cursor-token';

const schema = z.object({ offset: z.number().int().min(0), before: z.string().nullable() });

describe('source page tokens', () => {
  test('round-trip as one URL-safe word', () => {
    const token = encodeToken({ offset: 40, before: 'a/b+c=' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeToken(token, schema)).toEqual({ offset: 40, before: 'a/b+c=' });
  });

  test.each([
    ['null', null],
    ['empty', ''],
    ['not base64 JSON', 'hello world'],
    ['base64 of text that is not JSON', Buffer.from('{offset:').toString('base64url')],
    ['another shape', encodeToken({ page: 2 })],
    ['a negative offset', encodeToken({ offset: -1, before: null })],
    ['a fractional offset', encodeToken({ offset: 1.5, before: null })],
    ['JSON null', encodeToken(null)],
  ])('%s decodes to null', (_name, token) => {
    expect(decodeToken(token, schema)).toBeNull();
  });
});
