import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '@sdkgen/runtime';
import type { PathParamSpec } from '@sdkgen/runtime';
import { buildPath, compilePath, serializePathParam } from '../../runtime/src/request/path.js';

describe('serializePathParam', () => {
  const cases: { given: [PathParamSpec, unknown]; want: string }[] = [
    { given: [{ name: 'id' }, 'pet_123'], want: 'pet_123' },
    { given: [{ name: 'id' }, 'a/b'], want: 'a%2Fb' },
    { given: [{ name: 'id' }, '../x'], want: '..%2Fx' },
    { given: [{ name: 'id' }, 'a?b#c%d'], want: 'a%3Fb%23c%25d' },
    { given: [{ name: 'id' }, 'hé llo'], want: 'h%C3%A9%20llo' },
    { given: [{ name: 'id' }, 42], want: '42' },
    { given: [{ name: 'id' }, false], want: 'false' },
    { given: [{ name: 'd' }, new Date('2024-01-02T03:04:05Z')], want: '2024-01-02T03%3A04%3A05.000Z' },
    { given: [{ name: 'id' }, ['a', 'b/c']], want: 'a,b%2Fc' },
    { given: [{ name: 'id', explode: true }, ['a', 'b']], want: 'a,b' },
    { given: [{ name: 'id' }, { r: 1, g: 2 }], want: 'r,1,g,2' },
    { given: [{ name: 'id', explode: true }, { r: 1, g: 2 }], want: 'r=1,g=2' },
    { given: [{ name: 'id', style: 'label' }, 'x'], want: '.x' },
    { given: [{ name: 'id', style: 'label' }, ['a', 'b']], want: '.a,b' },
    { given: [{ name: 'id', style: 'label', explode: true }, ['a', 'b']], want: '.a.b' },
    { given: [{ name: 'id', style: 'label' }, { r: 1, g: 2 }], want: '.r,1,g,2' },
    { given: [{ name: 'id', style: 'label', explode: true }, { r: 1, g: 2 }], want: '.r=1.g=2' },
    { given: [{ name: 'id', style: 'matrix' }, 'x'], want: ';id=x' },
    { given: [{ name: 'id', style: 'matrix' }, ['a', 'b']], want: ';id=a,b' },
    { given: [{ name: 'id', style: 'matrix', explode: true }, ['a', 'b']], want: ';id=a;id=b' },
    { given: [{ name: 'id', style: 'matrix' }, { r: 1, g: 2 }], want: ';id=r,1,g,2' },
    { given: [{ name: 'id', style: 'matrix', explode: true }, { r: 1, g: 2 }], want: ';r=1;g=2' },
  ];
  it.each(cases)('$given.1 -> $want', ({ given, want }) => {
    expect(serializePathParam(...given)).toBe(want);
  });

  const refused: { given: unknown }[] = [{ given: '.' }, { given: '..' }, { given: '' }, { given: undefined }, { given: null }];
  it.each(refused)('refuses $given, which would address another path', ({ given }) => {
    expect(() => serializePathParam({ name: 'id' }, given)).toThrow(InvalidRequestError);
  });
});

describe('buildPath', () => {
  const cases: { given: [string, PathParamSpec[] | undefined, unknown[]]; want: string }[] = [
    { given: ['/pets', undefined, []], want: '/pets' },
    { given: ['/pets/{id}', [{ name: 'id' }], ['a/b']], want: '/pets/a%2Fb' },
    { given: ['/a/{x}/b/{y}', [{ name: 'x' }, { name: 'y' }], [1, 2]], want: '/a/1/b/2' },
    // Descriptor order decides which argument fills which slot.
    { given: ['/a/{y}/b/{x}', [{ name: 'x' }, { name: 'y' }], [1, 2]], want: '/a/2/b/1' },
    { given: ['/u/{id}', undefined, ['me']], want: '/u/me' },
    { given: ['/r{id}', [{ name: 'id', style: 'matrix' }], [5]], want: '/r;id=5' },
  ];
  it.each(cases)('$given.0 with $given.2 -> $want', ({ given: [template, specs, args], want }) => {
    expect(buildPath(compilePath(template, specs), args)).toBe(want);
  });
});
