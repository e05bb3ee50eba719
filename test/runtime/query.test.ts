import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '@sdkgen/runtime';
import { appendQueryParam, encodeQueryComponent } from '../../runtime/src/request/query.js';
import { appendCookieParam, serializeHeaderParam } from '../../runtime/src/request/header-params.js';

function query(spec: ParamSpec, value: unknown): string {
  const out: string[] = [];
  appendQueryParam(out, spec, value);
  return out.join('&');
}

describe('appendQueryParam', () => {
  const cases: { given: [ParamSpec, unknown]; want: string }[] = [
    { given: [{ name: 'q' }, 'a b&c=d'], want: 'q=a%20b%26c%3Dd' },
    { given: [{ name: 'q' }, undefined], want: '' },
    { given: [{ name: 'q' }, null], want: 'q=' },
    { given: [{ name: 'q' }, 0], want: 'q=0' },
    { given: [{ name: 'q' }, true], want: 'q=true' },
    { given: [{ name: 'since' }, new Date('2024-01-02T03:04:05Z')], want: 'since=2024-01-02T03%3A04%3A05.000Z' },
    { given: [{ name: 'a b' }, 'x'], want: 'a%20b=x' },
    // form, explode defaults to true
    { given: [{ name: 'id' }, [3, 4, 5]], want: 'id=3&id=4&id=5' },
    { given: [{ name: 'id', explode: false }, [3, 4, 5]], want: 'id=3,4,5' },
    { given: [{ name: 'id', explode: false }, ['a,b', 'c']], want: 'id=a%2Cb,c' },
    { given: [{ name: 'id' }, []], want: '' },
    { given: [{ name: 'id' }, [1, undefined, 2]], want: 'id=1&id=2' },
    { given: [{ name: 'color' }, { R: 100, G: 200 }], want: 'R=100&G=200' },
    { given: [{ name: 'color', explode: false }, { R: 100, G: 200 }], want: 'color=R,100,G,200' },
    { given: [{ name: 'color' }, { R: 1, G: undefined }], want: 'R=1' },
    // spaceDelimited / pipeDelimited
    { given: [{ name: 'id', style: 'spaceDelimited' }, [3, 4]], want: 'id=3%204' },
    { given: [{ name: 'id', style: 'spaceDelimited', explode: true }, [3, 4]], want: 'id=3&id=4' },
    { given: [{ name: 'id', style: 'pipeDelimited' }, [3, 4]], want: 'id=3%7C4' },
    { given: [{ name: 'id', style: 'pipeDelimited' }, ['a|b', 'c']], want: 'id=a%7Cb%7Cc' },
    // deepObject
    { given: [{ name: 'filter', style: 'deepObject', explode: true }, { a: 1, b: 'x y' }], want: 'filter%5Ba%5D=1&filter%5Bb%5D=x%20y' },
    {
      given: [{ name: 'f', style: 'deepObject', explode: true }, { a: { b: 1 }, c: [1, 2], d: null, e: undefined }],
      want: 'f%5Ba%5D%5Bb%5D=1&f%5Bc%5D%5B%5D=1&f%5Bc%5D%5B%5D=2&f%5Bd%5D=',
    },
    // allowReserved keeps reserved characters except those that would break the query
    { given: [{ name: 'path', allowReserved: true }, '/a/b:c@d,e'], want: 'path=/a/b:c@d,e' },
    { given: [{ name: 'path', allowReserved: true }, 'a&b=c#d+e'], want: 'path=a%26b%3Dc%23d%2Be' },
    { given: [{ name: 'path' }, '/a/b:c'], want: 'path=%2Fa%2Fb%3Ac' },
    // objects inside arrays are JSON
    { given: [{ name: 'o' }, [{ a: 1 }]], want: 'o=%7B%22a%22%3A1%7D' },
  ];
  it.each(cases)('$given.0.name=$given.1 -> $want', ({ given, want }) => {
    expect(query(...given)).toBe(want);
  });

  it('the encoded query round-trips through URLSearchParams', () => {
    const out: string[] = [];
    appendQueryParam(out, { name: 'q' }, 'ü & = + # ?');
    expect(new URLSearchParams(out.join('&')).get('q')).toBe('ü & = + # ?');
  });

  it('encodeQueryComponent leaves unreserved characters', () => {
    expect(encodeQueryComponent("A-z_0.9~!*'()")).toBe("A-z_0.9~!*'()");
  });
});

describe('serializeHeaderParam', () => {
  const cases: { given: [ParamSpec, unknown]; want: string | undefined }[] = [
    { given: [{ name: 'X' }, 'v'], want: 'v' },
    { given: [{ name: 'X' }, undefined], want: undefined },
    { given: [{ name: 'X' }, 5], want: '5' },
    { given: [{ name: 'X' }, [1, 2]], want: '1,2' },
    { given: [{ name: 'X' }, { a: 1, b: 2 }], want: 'a,1,b,2' },
    { given: [{ name: 'X', explode: true }, { a: 1, b: 2 }], want: 'a=1,b=2' },
  ];
  it.each(cases)('$given.1 -> $want', ({ given, want }) => {
    expect(serializeHeaderParam(...given)).toBe(want);
  });
});

describe('appendCookieParam', () => {
  const cases: { given: [ParamSpec, unknown]; want: string[] }[] = [
    { given: [{ name: 'sid' }, 'a b;c'], want: ['sid=a%20b%3Bc'] },
    { given: [{ name: 'sid' }, undefined], want: [] },
    { given: [{ name: 'ids' }, [1, 2]], want: ['ids=1', 'ids=2'] },
    { given: [{ name: 'ids', explode: false }, [1, 2]], want: ['ids=1,2'] },
    { given: [{ name: 'o' }, { a: 1 }], want: ['a=1'] },
    { given: [{ name: 'o', explode: false }, { a: 1, b: 2 }], want: ['o=a,1,b,2'] },
  ];
  it.each(cases)('$given.1 -> $want', ({ given, want }) => {
    const out: string[] = [];
    appendCookieParam(out, ...given);
    expect(out).toEqual(want);
  });
});
