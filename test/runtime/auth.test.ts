import { describe, expect, it } from 'vitest';
import type { SecurityRequirement, SecuritySchemeSpec } from '@sdkgen/runtime';
import { applyAuth, base64Utf8 } from '../../runtime/src/auth.js';

const schemes: Record<string, SecuritySchemeSpec> = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', option: 'apiKey' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api key', option: 'queryKey' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'session', option: 'cookieKey' },
  bearer: { type: 'bearer', option: 'bearerToken' },
  oauth: { type: 'bearer', option: 'accessToken' },
  basic: { type: 'basic', usernameOption: 'username', passwordOption: 'password' },
};

interface Applied {
  headers: Record<string, string>;
  query: string[];
  cookies: string[];
  /** What auth recorded as credentials (redirects drop these across origins). */
  credentials: { headers: string[]; query: string[]; cookies: string[] } | undefined;
}

const recorded = (where: Partial<NonNullable<Applied['credentials']>>) => ({ headers: [], query: [], cookies: [], ...where });

async function apply(security: SecurityRequirement[] | undefined, options: Record<string, unknown>): Promise<Applied> {
  const target: Applied = { headers: {}, query: [], cookies: [], credentials: undefined };
  await applyAuth(target, security, schemes, options);
  return target;
}

const none: Applied = { headers: {}, query: [], cookies: [], credentials: undefined };

describe('applyAuth', () => {
  const cases: { name: string; given: [SecurityRequirement[] | undefined, Record<string, unknown>]; want: Applied }[] = [
    { name: 'api key header', given: [[['headerKey']], { apiKey: 'k1' }], want: { ...none, headers: { 'x-api-key': 'k1' }, credentials: recorded({ headers: ['x-api-key'] }) } },
    { name: 'api key query, encoded', given: [[['queryKey']], { queryKey: 'a&b' }], want: { ...none, query: ['api%20key=a%26b'], credentials: recorded({ query: ['api key'] }) } },
    { name: 'api key cookie, encoded', given: [[['cookieKey']], { cookieKey: 'a;b' }], want: { ...none, cookies: ['session=a%3Bb'], credentials: recorded({ cookies: ['session'] }) } },
    { name: 'bearer', given: [[['bearer']], { bearerToken: 't' }], want: { ...none, headers: { authorization: 'Bearer t' }, credentials: recorded({ headers: ['authorization'] }) } },
    {
      name: 'basic',
      given: [[['basic']], { username: 'user', password: 'pass' }],
      want: { ...none, headers: { authorization: `Basic ${btoa('user:pass')}` }, credentials: recorded({ headers: ['authorization'] }) },
    },
    {
      name: 'basic without password sends an empty one',
      given: [[['basic']], { username: 'sk_live' }],
      want: { ...none, headers: { authorization: `Basic ${btoa('sk_live:')}` }, credentials: recorded({ headers: ['authorization'] }) },
    },
    { name: 'missing credential: nothing', given: [[['bearer']], {}], want: none },
    { name: 'empty string counts as missing', given: [[['bearer']], { bearerToken: '' }], want: none },
    { name: 'no security on the operation', given: [undefined, { apiKey: 'k' }], want: none },
    {
      name: 'first alternative with every credential wins',
      given: [[['bearer', 'headerKey'], ['headerKey']], { apiKey: 'k', bearerToken: undefined }],
      want: { ...none, headers: { 'x-api-key': 'k' }, credentials: recorded({ headers: ['x-api-key'] }) },
    },
    {
      name: 'an alternative applies all its schemes',
      given: [[['bearer', 'headerKey']], { apiKey: 'k', bearerToken: 't' }],
      want: { ...none, headers: { authorization: 'Bearer t', 'x-api-key': 'k' }, credentials: recorded({ headers: ['authorization', 'x-api-key'] }) },
    },
    { name: 'anonymous alternative first applies nothing', given: [[[], ['headerKey']], { apiKey: 'k' }], want: none },
    { name: 'sync function credential', given: [[['oauth']], { accessToken: () => 'fn' }], want: { ...none, headers: { authorization: 'Bearer fn' }, credentials: recorded({ headers: ['authorization'] }) } },
    {
      name: 'async function credential',
      given: [[['oauth']], { accessToken: async () => 'async' }],
      want: { ...none, headers: { authorization: 'Bearer async' }, credentials: recorded({ headers: ['authorization'] }) },
    },
    {
      name: 'function returning undefined falls through to the next alternative',
      given: [[['oauth'], ['headerKey']], { accessToken: async () => undefined, apiKey: 'k' }],
      want: { ...none, headers: { 'x-api-key': 'k' }, credentials: recorded({ headers: ['x-api-key'] }) },
    },
  ];
  it.each(cases)('$name', async ({ given: [security, options], want }) => {
    expect(await apply(security, options)).toEqual(want);
  });

  it('is synchronous when no credential is a function', () => {
    const target: Applied = { headers: {}, query: [], cookies: [], credentials: undefined };
    expect(applyAuth(target, [['bearer']], schemes, { bearerToken: 't' })).toBeUndefined();
    expect(target.headers['authorization']).toBe('Bearer t');
  });

  it('calls a function credential on every request (token refresh)', async () => {
    let n = 0;
    const options = { accessToken: () => `t${++n}` };
    expect((await apply([['oauth']], options)).headers['authorization']).toBe('Bearer t1');
    expect((await apply([['oauth']], options)).headers['authorization']).toBe('Bearer t2');
  });

  it('base64Utf8 encodes non-ASCII as UTF-8', () => {
    expect(base64Utf8('jürgen:pä')).toBe(Buffer.from('jürgen:pä', 'utf8').toString('base64'));
  });
});
