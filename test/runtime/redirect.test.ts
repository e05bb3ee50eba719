import { describe, expect, it } from 'vitest';
import { redirected, type Hop } from '../../runtime/src/transport/redirect.js';

const post: Hop = {
  url: 'https://api.example.com/v1/pets?x=1',
  origin: 'https://api.example.com',
  path: '/v1/pets?x=1',
  method: 'POST',
  headers: { authorization: 'Bearer t', cookie: 'a=b', 'content-type': 'application/json', 'x-trace': '1' },
  body: '{"a":1}',
};

describe('redirected', () => {
  const cases: { name: string; hop?: Partial<Hop>; status: number; location: string; want: Partial<Hop> }[] = [
    { name: 'relative Location resolves against the current URL', status: 307, location: '../v2/pets', want: { url: 'https://api.example.com/v2/pets', path: '/v2/pets', method: 'POST', body: '{"a":1}' } },
    { name: 'the fragment is never sent', status: 308, location: '/v1/new?y=2#frag', want: { path: '/v1/new?y=2', url: 'https://api.example.com/v1/new?y=2' } },
    { name: '303 turns a POST into a body-less GET', status: 303, location: '/done', want: { method: 'GET', body: undefined, headers: { authorization: 'Bearer t', cookie: 'a=b', 'x-trace': '1' } } },
    { name: '303 keeps HEAD', hop: { method: 'HEAD', body: undefined }, status: 303, location: '/done', want: { method: 'HEAD' } },
    { name: '302 turns only a POST into GET', hop: { method: 'PUT' }, status: 302, location: '/done', want: { method: 'PUT', body: '{"a":1}' } },
    {
      name: 'another origin drops credentials, keeps the rest',
      status: 307,
      location: 'https://cdn.example.net/blob',
      want: { origin: 'https://cdn.example.net', headers: { 'content-type': 'application/json', 'x-trace': '1' } },
    },
    { name: 'another port is another origin', status: 307, location: 'https://api.example.com:8443/x', want: { origin: 'https://api.example.com:8443', headers: { 'content-type': 'application/json', 'x-trace': '1' } } },
  ];
  it.each(cases)('$name', ({ hop, status, location, want }) => {
    const next = redirected({ ...post, ...hop }, status, location);
    expect(next).toMatchObject(want);
    if (want.headers) expect(next.headers).toEqual(want.headers);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,x'])('refuses a redirect to %s', (location) => {
    expect(() => redirected(post, 302, location)).toThrow(/refusing a redirect/);
  });

  it('refuses a Location that is not a URL', () => {
    expect(() => redirected({ ...post, url: 'not a base' }, 302, '::')).toThrow(/not a URL/);
  });

  it('cannot resend a streamed body on 307/308, but may drop it on 303', () => {
    const stream: Hop = { ...post, body: new ReadableStream<Uint8Array>() };
    expect(() => redirected(stream, 307, '/again')).toThrow(/streamed request body/);
    expect(redirected(stream, 303, '/done').body).toBeUndefined();
  });
});
