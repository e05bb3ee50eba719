import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type OperationDescriptor, type RequestOptions } from '@sdkgen/runtime';
import { encodeBody } from '../../runtime/src/request/body.js';
import { prepareRequest, type PrepareContext } from '../../runtime/src/request/prepare.js';
import { parseBaseUrl } from '../../runtime/src/request/url.js';

const ctx: PrepareContext = {
  base: parseBaseUrl('https://api.test/v1/'),
  config: { securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'key', option: 'apiKey' } } },
  credentials: { apiKey: 'k' },
  defaultHeaders: { 'x-default': 'd' },
  idempotencyHeader: 'idempotency-key',
};

async function prepare(op: OperationDescriptor, args: unknown[], params: object | undefined, options?: RequestOptions) {
  const req = await prepareRequest(ctx, op, args, params, options);
  return { url: req.url, headers: req.headers, body: req.body };
}

const flat: OperationDescriptor = {
  id: 'flat',
  method: 'POST',
  path: '/pets/{id}',
  pathParams: [{ name: 'id' }],
  query: [{ name: 'dry' }],
  headers: [{ name: 'X-Req' }],
  cookies: [{ name: 'c' }],
  body: { mediaType: 'application/merge-patch+json', encoding: 'json' },
  security: [['key']],
};

describe('prepareRequest layouts', () => {
  const cases: { name: string; given: [OperationDescriptor, unknown[], object | undefined, RequestOptions?]; want: object }[] = [
    {
      name: 'flat: declared params are taken out, the rest is the body',
      given: [flat, ['p 1'], { dry: false, 'X-Req': 'r', c: 'v', name: 'Rex', age: undefined }],
      want: {
        url: 'https://api.test/v1/pets/p%201?dry=false&key=k',
        headers: { 'x-req': 'r', cookie: 'c=v', 'x-default': 'd', 'content-type': 'application/merge-patch+json' },
        body: '{"name":"Rex"}',
      },
    },
    {
      name: 'flat: no body fields and an optional body sends no body',
      given: [flat, ['p1'], { dry: true }],
      want: { url: 'https://api.test/v1/pets/p1?dry=true&key=k', headers: { 'x-default': 'd' }, body: undefined },
    },
    {
      name: 'flat: a required JSON body with no fields is {}',
      given: [{ ...flat, body: { mediaType: 'application/json', encoding: 'json', required: true } }, ['p1'], undefined],
      want: { url: 'https://api.test/v1/pets/p1?key=k', headers: { 'x-default': 'd', 'content-type': 'application/json' }, body: '{}' },
    },
    {
      name: 'grouped: params.query and params.body',
      given: [
        {
          id: 'g',
          method: 'PUT',
          path: '/x',
          query: [{ name: 'body', group: 'query' }],
          body: { mediaType: 'application/json', encoding: 'json', group: 'body' },
        },
        [],
        { query: { body: 'q' }, body: ['a'] },
      ],
      want: { url: 'https://api.test/v1/x?body=q', headers: { 'x-default': 'd', 'content-type': 'application/json' }, body: '["a"]' },
    },
    {
      name: 'request options: ifMatch, idempotencyKey, headers override and remove',
      given: [
        { id: 'o', method: 'GET', path: '/o', response: 'json' },
        [],
        undefined,
        { ifMatch: '"v1"', idempotencyKey: 'k1', headers: { 'X-Default': null, Accept: 'text/plain', 'X-New': 'n' } },
      ],
      want: {
        url: 'https://api.test/v1/o',
        headers: { accept: 'text/plain', 'if-match': '"v1"', 'idempotency-key': 'k1', 'x-new': 'n' },
        body: undefined,
      },
    },
  ];
  it.each(cases)('$name', async ({ given, want }) => {
    expect(await prepare(...given)).toEqual(want);
  });

  it('a dot-segment path argument is refused', async () => {
    await expect(prepare(flat, ['..'], {})).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe('encodeBody', () => {
  it.each([
    { given: { a: 1, b: [true, null], d: new Date('2024-01-01T00:00:00Z'), u: undefined }, want: 'a=1&b=true&b=&d=2024-01-01T00%3A00%3A00.000Z' },
    { given: { s: 'x y+z&' }, want: 's=x+y%2Bz%26' },
  ])('form $given -> $want', ({ given, want }) => {
    expect(encodeBody({ mediaType: 'application/x-www-form-urlencoded', encoding: 'form' }, given)).toEqual({
      body: want,
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it.each([
    { mediaType: 'image/png', blobType: 'image/jpeg', want: 'image/png' },
    { mediaType: 'image/*', blobType: 'image/jpeg', want: 'image/jpeg' },
    { mediaType: '*/*', blobType: '', want: 'application/octet-stream' },
  ])('binary Content-Type for $mediaType and a $blobType Blob is $want', ({ mediaType, blobType, want }) => {
    expect(encodeBody({ mediaType, encoding: 'binary' }, new Blob(['x'], { type: blobType })).contentType).toBe(want);
  });

  it('multipart writes its own boundary and sends objects as application/json parts', async () => {
    const { body, contentType } = encodeBody({ mediaType: 'multipart/form-data', encoding: 'multipart' }, { o: { a: 1 }, n: 2 });
    const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType ?? '')?.[1];
    expect(boundary).toMatch(/^----sdkgen[0-9a-f]{24}$/);
    expect(await (body as Blob).text()).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="o"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="n"\r\n\r\n2\r\n--${boundary}--\r\n`,
    );
  });

  it('multipart sends a FormData the caller built as is', () => {
    const form = new FormData();
    form.append('a', '1');
    expect(encodeBody({ mediaType: 'multipart/form-data', encoding: 'multipart' }, form)).toEqual({ body: form, contentType: undefined });
  });

  it.each([
    { encoding: 'form' as const, given: 'text' },
    { encoding: 'multipart' as const, given: 5 },
    { encoding: 'binary' as const, given: { a: 1 } },
  ])('$encoding refuses $given', ({ encoding, given }) => {
    expect(() => encodeBody({ mediaType: 'x/y', encoding }, given)).toThrow(InvalidRequestError);
  });
});
