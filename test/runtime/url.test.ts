import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '@sdkgen/runtime';
import { joinPath, parseBaseUrl } from '../../runtime/src/request/url.js';

describe('base URL joining', () => {
  const cases: { given: [string, string]; want: string }[] = [
    { given: ['https://api.example.com', '/pets'], want: 'https://api.example.com/pets' },
    { given: ['https://api.example.com/', '/pets'], want: 'https://api.example.com/pets' },
    { given: ['https://api.example.com/v1', '/pets'], want: 'https://api.example.com/v1/pets' },
    { given: ['https://api.example.com/v1/', '/pets'], want: 'https://api.example.com/v1/pets' },
    { given: ['https://api.example.com/v1//', '/pets'], want: 'https://api.example.com/v1/pets' },
    { given: ['https://api.example.com/v1', 'pets'], want: 'https://api.example.com/v1/pets' },
    { given: ['https://api.example.com/v1', '/'], want: 'https://api.example.com/v1/' },
    { given: ['https://api.example.com', '/'], want: 'https://api.example.com/' },
    { given: ['https://api.example.com/v1', ''], want: 'https://api.example.com/v1' },
    { given: ['http://127.0.0.1:8080/a/b?x=1#f', '/c'], want: 'http://127.0.0.1:8080/a/b/c' },
    { given: ['https://API.example.com:443/v1', '/p'], want: 'https://api.example.com/v1/p' },
  ];
  it.each(cases)('$given.0 + $given.1 -> $want', ({ given: [base, path], want }) => {
    const b = parseBaseUrl(base);
    expect(b.origin + joinPath(b.prefix, path)).toBe(want);
  });

  it.each([{ given: 'api.example.com' }, { given: 'ftp://x.test' }, { given: '' }])('rejects $given', ({ given }) => {
    expect(() => parseBaseUrl(given)).toThrow(InvalidRequestError);
  });
});
