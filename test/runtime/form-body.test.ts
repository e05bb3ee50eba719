/** Form bodies per the Encoding Object (runtime/src/request/form.ts), as tables of given/want. */
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../runtime/src/errors.js';
import type { FieldEncoding } from '../../runtime/src/operation.js';
import { encodeFormBody, formComponent } from '../../runtime/src/request/form.js';
import { serializeQueryString } from '../../runtime/src/request/query.js';

describe('encodeFormBody', () => {
  const cases: { name: string; given: Record<string, unknown>; fields?: Record<string, FieldEncoding>; want: string }[] = [
    { name: 'scalars, space as +', given: { a: 'x y', n: 1, b: false, z: null }, want: 'a=x+y&n=1&b=false&z=' },
    { name: 'default: arrays repeat, objects spread (form, explode)', given: { t: ['a', 'b'], o: { x: 1, y: 'z' } }, want: 't=a&t=b&x=1&y=z' },
    { name: 'form, not exploded', given: { t: ['a', 'b'], o: { x: 1, y: 2 } }, fields: { t: { explode: false }, o: { style: 'form', explode: false } }, want: 't=a%2Cb&o=x%2C1%2Cy%2C2' },
    { name: 'spaceDelimited', given: { t: ['a', 'b'] }, fields: { t: { style: 'spaceDelimited', explode: false } }, want: 't=a+b' },
    {
      name: 'deepObject nests objects and indexes arrays, to any depth',
      given: { m: { k: 'v', n: { d: 1 } }, e: ['a'], l: [{ p: 'x', q: [1, 2] }] },
      fields: { m: { style: 'deepObject' }, e: { style: 'deepObject' }, l: { style: 'deepObject', explode: true } },
      want: 'm%5Bk%5D=v&m%5Bn%5D%5Bd%5D=1&e%5B0%5D=a&l%5B0%5D%5Bp%5D=x&l%5B0%5D%5Bq%5D%5B0%5D=1&l%5B0%5D%5Bq%5D%5B1%5D=2',
    },
    { name: 'a JSON contentType sends JSON text', given: { j: { a: [1] }, s: 'x' }, fields: { j: { contentType: 'application/json' }, s: { contentType: 'application/json' } }, want: 'j=%7B%22a%22%3A%5B1%5D%7D&s=%22x%22' },
    { name: 'allowReserved keeps reserved characters but not & = +', given: { r: 'a/b?c:d&e=f+g' }, fields: { r: { allowReserved: true } }, want: 'r=a/b?c:d%26e%3Df%2Bg' },
    { name: 'dates as ISO 8601, undefined skipped', given: { d: new Date('2024-01-02T03:04:05Z'), u: undefined }, want: 'd=2024-01-02T03%3A04%3A05.000Z' },
  ];
  it.each(cases)('$name', ({ given, fields, want }) => {
    expect(encodeFormBody(given, fields)).toBe(want);
  });

  it('refuses a body that is not an object', () => {
    expect(() => encodeFormBody(['a'])).toThrow(InvalidRequestError);
  });

  it.each([
    { given: "a b*-._~!'()", want: "a+b*-._%7E%21%27%28%29" },
    { given: 'é&=', want: '%C3%A9%26%3D' },
  ])('formComponent($given) matches URLSearchParams', ({ given, want }) => {
    expect(formComponent(given)).toBe(want);
    expect(new URLSearchParams([['k', given]]).toString()).toBe(`k=${want}`);
  });
});

describe('serializeQueryString (OAS 3.2 in: querystring)', () => {
  it.each([
    { mediaType: 'application/x-www-form-urlencoded', given: { a: 'x y', t: ['1', '2'] }, want: 'a=x%20y&t=1&t=2' },
    { mediaType: 'application/json', given: { a: 1 }, want: '%7B%22a%22%3A1%7D' },
    { mediaType: 'application/x-www-form-urlencoded', given: '?raw=1', want: 'raw=1' },
    { mediaType: 'application/json', given: undefined, want: '' },
  ])('$mediaType $given -> $want', ({ mediaType, given, want }) => {
    expect(serializeQueryString(mediaType, given)).toBe(want);
  });
});
