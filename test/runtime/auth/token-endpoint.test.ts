import { describe, expect, it } from 'vitest';
import { FetchTransport, InvalidResponseError } from '@sdkgen/runtime';
import { readTokenResponse, tokenHttpRequest } from '../../../runtime/src/auth/token-endpoint.js';

const clock = { now: () => 0, sleep: async () => undefined, random: () => 0.5 };
const base = { transport: new FetchTransport(), timeout: 1000, maxRetries: 0, maxRetryAfter: 0, clock };

describe('tokenHttpRequest', () => {
  it('Basic: id and secret form-encoded before base64 (RFC 6749 appendix B)', () => {
    const req = tokenHttpRequest({ ...base, tokenUrl: 'https://a.test/t?x=1', grant: { type: 'client_credentials' }, clientId: 'id:1 ü', clientSecret: "s&e+c r'et" });
    expect(atob(req.headers['authorization']!.slice(6))).toBe("id%3A1+%C3%BC:s%26e%2Bc+r%27et");
    expect(req.body).toBe('grant_type=client_credentials');
    expect([req.origin, req.path, req.url]).toEqual(['https://a.test', '/t?x=1', 'https://a.test/t?x=1']);
  });

  it('body: client_id and client_secret as form fields; refresh grant with scopes', () => {
    const req = tokenHttpRequest({
      ...base,
      tokenUrl: 'https://a.test/t',
      grant: { type: 'refresh_token', refreshToken: 'r 1', scopes: ['a', 'b'] },
      clientId: 'id',
      clientSecret: 's',
      clientAuth: 'body',
    });
    expect(req.headers['authorization']).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req.body as string))).toEqual({ grant_type: 'refresh_token', refresh_token: 'r 1', scope: 'a b', client_id: 'id', client_secret: 's' });
  });
});

describe('readTokenResponse', () => {
  const cases: { name: string; given: unknown; want: object }[] = [
    { name: 'full', given: { access_token: 'a', token_type: 'Bearer', expires_in: 60, refresh_token: 'r', scope: 's' }, want: { accessToken: 'a', tokenType: 'Bearer', expiresAt: 61_000, issuedAt: 1000, refreshToken: 'r', scope: 's' } },
    { name: 'expires_in as a string', given: { access_token: 'a', expires_in: '30' }, want: { accessToken: 'a', expiresAt: 31_000 } },
    { name: 'no expires_in', given: { access_token: 'a', expires_in: -1 }, want: { accessToken: 'a', expiresAt: undefined } },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(readTokenResponse(given, 1000, 'https://a.test/t')).toMatchObject(want));

  it('no access_token: InvalidResponseError that does not quote the body (it may hold a refresh token)', () => {
    let error: unknown;
    try {
      readTokenResponse({ refresh_token: 'secret-rt' }, 0, 'https://a.test/t');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(JSON.stringify(error) + String(error) + (error as InvalidResponseError).rawBody).not.toContain('secret-rt');
  });
});
