import { describe, expect, it } from 'vitest';
import { nextLinkUrl, parseLinkHeader, type LinkValue } from '../../runtime/src/pagination/index.js';

describe('parseLinkHeader', () => {
  const cases: { name: string; given: string | null | undefined; want: LinkValue[] }[] = [
    { name: 'null header', given: null, want: [] },
    { name: 'empty header', given: '', want: [] },
    {
      name: 'one link',
      given: '<https://api.test/items?page=2>; rel="next"',
      want: [{ uri: 'https://api.test/items?page=2', rel: ['next'], params: { rel: 'next' } }],
    },
    {
      name: 'GitHub style, several links',
      given: '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"',
      want: [
        { uri: 'https://api.github.com/x?page=2', rel: ['next'], params: { rel: 'next' } },
        { uri: 'https://api.github.com/x?page=5', rel: ['last'], params: { rel: 'last' } },
      ],
    },
    {
      name: 'unquoted rel, extra whitespace, case-insensitive names and values',
      given: '  < /a >;REL=Next ;  title=hello',
      want: [{ uri: '/a', rel: ['next'], params: { rel: 'Next', title: 'hello' } }],
    },
    {
      name: 'several relation types in one rel',
      given: '</p/3>; rel="next last"',
      want: [{ uri: '/p/3', rel: ['next', 'last'], params: { rel: 'next last' } }],
    },
    {
      name: 'commas and semicolons inside the URI and inside quoted strings do not split',
      given: '</x?a=1,2;b=3>; rel="next"; title="one, two; three", </y>; rel=prev',
      want: [
        { uri: '/x?a=1,2;b=3', rel: ['next'], params: { rel: 'next', title: 'one, two; three' } },
        { uri: '/y', rel: ['prev'], params: { rel: 'prev' } },
      ],
    },
    {
      name: 'escaped quote in a quoted string',
      given: '</x>; title="say \\"hi\\""; rel=next',
      want: [{ uri: '/x', rel: ['next'], params: { title: 'say "hi"', rel: 'next' } }],
    },
    {
      name: 'first rel wins (RFC 8288 section 3.3)',
      given: '</x>; rel=next; rel=prev',
      want: [{ uri: '/x', rel: ['next'], params: { rel: 'next' } }],
    },
    {
      name: 'valueless parameter',
      given: '</x>; crossorigin; rel=next',
      want: [{ uri: '/x', rel: ['next'], params: { crossorigin: '', rel: 'next' } }],
    },
    {
      name: 'garbage between link-values is skipped, later links survive',
      given: '</a>; rel=prev garbage here, </b>; rel=next',
      want: [
        { uri: '/a', rel: ['prev'], params: { rel: 'prev' } },
        { uri: '/b', rel: ['next'], params: { rel: 'next' } },
      ],
    },
    {
      name: 'link without parameters, and a missing comma before the next link',
      given: '</a> </b>; rel=next',
      want: [
        { uri: '/a', rel: [], params: {} },
        { uri: '/b', rel: ['next'], params: { rel: 'next' } },
      ],
    },
    { name: 'unterminated URI', given: '<https://api.test/x; rel=next', want: [] },
    { name: 'no URI at all', given: 'rel=next', want: [] },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(parseLinkHeader(given)).toEqual(want);
    });
  }
});

describe('nextLinkUrl', () => {
  const cases: { name: string; given: [string | null, string]; want: string | undefined }[] = [
    { name: 'absolute next', given: ['<https://a.test/x?p=2>; rel="next"', 'https://a.test/x'], want: 'https://a.test/x?p=2' },
    { name: 'relative next resolves against the page URL', given: ['<?p=3>; rel=next', 'https://a.test/v1/x?p=2'], want: 'https://a.test/v1/x?p=3' },
    { name: 'root-relative next', given: ['</v1/x?p=2>; rel=next', 'https://a.test/v1/x'], want: 'https://a.test/v1/x?p=2' },
    { name: 'only prev and last', given: ['</x?p=1>; rel=prev, </x?p=9>; rel=last', 'https://a.test/x'], want: undefined },
    { name: 'next among several relation types', given: ['</x?p=2>; rel="last next"', 'https://a.test/x'], want: 'https://a.test/x?p=2' },
    { name: 'no header', given: [null, 'https://a.test/x'], want: undefined },
    { name: 'unresolvable URI', given: ['<http://[bad>; rel=next', 'https://a.test/x'], want: undefined },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(nextLinkUrl(given[0], given[1])).toBe(want);
    });
  }
});
