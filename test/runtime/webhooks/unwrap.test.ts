/**
 * unwrapWebhook against deliveries signed by independent implementations: the `standardwebhooks`
 * package for Standard Webhooks, `node:crypto` HMACs for Stripe, GitHub and a custom scheme.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, unwrapWebhook, verifyWebhook, WebhookVerificationError, type UnwrapWebhookOptions, type WebhookHeaders } from '@sdkgen/runtime';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const NOW_S = NOW / 1000;
const event = { type: 'pet.adopted', data: { petId: 'pet_1', owner: 'Ada', note: 'héllo ✓' } };
const body = JSON.stringify(event);

function standardSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** A Standard Webhooks delivery signed by the reference package. */
function standardDelivery(secret: string, payload: string, timestampS = NOW_S, id = 'msg_1'): Record<string, string> {
  const signature = new Webhook(secret).sign(id, new Date(timestampS * 1000), payload);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': signature };
}

function hmacHex(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content).digest('hex');
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
}

describe('Standard Webhooks (signed by the standardwebhooks package)', () => {
  const secret = standardSecret();
  const headers = standardDelivery(secret, body);
  const options: UnwrapWebhookOptions = { secret, now: NOW };

  it('accepts a valid delivery, string or bytes, Headers or a plain object', async () => {
    const bodies = [body, new TextEncoder().encode(body), Buffer.from(body), new TextEncoder().encode(body).buffer];
    const headerForms: WebhookHeaders[] = [headers, new Headers(headers), Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]))];
    for (const b of bodies) for (const h of headerForms) expect(await unwrapWebhook(b, h, options)).toEqual(event);
  });

  it('agrees with the package on what it accepts', async () => {
    const wh = new Webhook(secret);
    const realNow = standardDelivery(secret, body, Math.floor(Date.now() / 1000));
    expect(wh.verify(body, realNow)).toEqual(event);
    expect(await unwrapWebhook(body, realNow, { secret })).toEqual(event);
  });

  it('refuses a tampered body, a tampered id and a wrong secret', async () => {
    expect(await reason(unwrapWebhook(body.replace('Ada', 'Eve'), headers, options))).toBe('signature');
    expect(await reason(unwrapWebhook(body, { ...headers, 'webhook-id': 'msg_2' }, options))).toBe('signature');
    expect(await reason(unwrapWebhook(body, headers, { secret: standardSecret(), now: NOW }))).toBe('signature');
  });

  it('refuses stale and future timestamps beyond the tolerance, both ways', async () => {
    const stale = standardDelivery(secret, body, NOW_S - 301);
    const future = standardDelivery(secret, body, NOW_S + 301);
    expect(await reason(unwrapWebhook(body, stale, options))).toBe('timestamp');
    expect(await reason(unwrapWebhook(body, future, options))).toBe('timestamp');
    // Inside the window, and a wider tolerance.
    expect(await unwrapWebhook(body, standardDelivery(secret, body, NOW_S - 299), options)).toEqual(event);
    expect(await unwrapWebhook(body, stale, { ...options, tolerance: 600 })).toEqual(event);
    // A timestamp moved into the window breaks the signature instead.
    expect(await reason(unwrapWebhook(body, { ...stale, 'webhook-timestamp': String(NOW_S) }, options))).toBe('signature');
  });

  it('refuses missing or malformed headers as format errors', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const { [name]: _dropped, ...rest } = headers;
      expect(await reason(unwrapWebhook(body, rest, options))).toBe('format');
    }
    expect(await reason(unwrapWebhook(body, { ...headers, 'webhook-timestamp': '12ab' }, options))).toBe('format');
    expect(await reason(unwrapWebhook(body, { ...headers, 'webhook-signature': 'v2,abc' }, options))).toBe('format');
  });

  it('accepts any of several signatures and any of several secrets (rotation)', async () => {
    const oldSecret = standardSecret();
    const fromOld = standardDelivery(oldSecret, body);
    const fromNew = standardDelivery(secret, body);
    // The sender signs with both keys while rotating: one header, two signatures.
    const both = { ...fromNew, 'webhook-signature': `${fromOld['webhook-signature']} ${fromNew['webhook-signature']}` };
    expect(await unwrapWebhook(body, both, { secret, now: NOW })).toEqual(event);
    expect(await unwrapWebhook(body, both, { secret: oldSecret, now: NOW })).toEqual(event);
    // The receiver holds both secrets while rotating.
    expect(await unwrapWebhook(body, fromOld, { secret: [secret, oldSecret], now: NOW })).toEqual(event);
    expect(await reason(unwrapWebhook(body, fromOld, { secret: [secret, standardSecret()], now: NOW }))).toBe('signature');
  });

  it('verifies before parsing: a signed non-JSON body is a format error, an unsigned one a signature error', async () => {
    const text = 'not json';
    expect(await reason(unwrapWebhook(text, standardDelivery(secret, text), options))).toBe('format');
    expect(await reason(unwrapWebhook(text, headers, options))).toBe('signature');
  });

  it('takes raw key bytes as the secret', async () => {
    const key = randomBytes(32);
    const delivery = standardDelivery(`whsec_${key.toString('base64')}`, body);
    expect(await unwrapWebhook(body, delivery, { secret: new Uint8Array(key), now: NOW })).toEqual(event);
  });

  it('signWebhook output verifies with the package', async () => {
    const signed = await signWebhook(event, { secret, timestamp: Math.floor(Date.now() / 1000), id: 'msg_9' });
    expect(new Webhook(secret).verify(signed.body, signed.headers)).toEqual(event);
  });

  it('error messages never echo the secret or the signature', async () => {
    const error = (await unwrapWebhook(body.replace('Ada', 'Eve'), headers, options).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(secret.slice(6, 20));
    expect(error.message).not.toContain(headers['webhook-signature']!.slice(3, 20));
  });
});

describe('Stripe (signed with node:crypto)', () => {
  const secret = 'whsec_stripe_test_secret';
  const header = (t: number, ...secrets: string[]): Record<string, string> => ({
    'Stripe-Signature': [`t=${t}`, ...secrets.map((s) => `v1=${hmacHex(s, `${t}.${body}`)}`), 'v0=deadbeef'].join(','),
  });
  const options: UnwrapWebhookOptions = { secret, scheme: 'stripe', now: NOW };

  it('accepts a valid delivery, bytes and Headers too', async () => {
    expect(await unwrapWebhook(body, header(NOW_S, secret), options)).toEqual(event);
    expect(await unwrapWebhook(Buffer.from(body), new Headers(header(NOW_S, secret)), options)).toEqual(event);
  });

  it('refuses tampering, stale and future timestamps, missing parts', async () => {
    expect(await reason(unwrapWebhook(`${body} `, header(NOW_S, secret), options))).toBe('signature');
    expect(await reason(unwrapWebhook(body, header(NOW_S - 301, secret), options))).toBe('timestamp');
    expect(await reason(unwrapWebhook(body, header(NOW_S + 301, secret), options))).toBe('timestamp');
    expect(await reason(unwrapWebhook(body, {}, options))).toBe('format');
    expect(await reason(unwrapWebhook(body, { 'stripe-signature': `v1=${hmacHex(secret, `${NOW_S}.${body}`)}` }, options))).toBe('format');
    expect(await reason(unwrapWebhook(body, { 'stripe-signature': `t=${NOW_S}` }, options))).toBe('format');
  });

  it('accepts several v1 signatures and several secrets', async () => {
    expect(await unwrapWebhook(body, header(NOW_S, 'whsec_old', secret), options)).toEqual(event);
    expect(await unwrapWebhook(body, header(NOW_S, 'whsec_old'), { ...options, secret: [secret, 'whsec_old'] })).toEqual(event);
  });

  it('signWebhook output verifies with node:crypto', async () => {
    const signed = await signWebhook(event, { secret, scheme: 'stripe', timestamp: NOW_S });
    expect(signed.headers['stripe-signature']).toBe(`t=${NOW_S},v1=${hmacHex(secret, `${NOW_S}.${signed.body}`)}`);
  });
});

describe('GitHub (signed with node:crypto)', () => {
  const secret = "It's a Secret to Everybody";
  const options: UnwrapWebhookOptions = { secret, scheme: 'github' };

  it("matches GitHub's documented example", async () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const headers = { 'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' };
    await expect(verifyWebhook('Hello, World!', headers, options)).resolves.toBeUndefined();
    expect(await reason(verifyWebhook('Hello, World?', headers, options))).toBe('signature');
  });

  it('accepts a valid delivery and refuses a tampered one or a missing header', async () => {
    const headers = { 'x-hub-signature-256': `sha256=${hmacHex(secret, body)}` };
    expect(await unwrapWebhook(new TextEncoder().encode(body), new Headers(headers), options)).toEqual(event);
    expect(await reason(unwrapWebhook(body.replace('pet_1', 'pet_2'), headers, options))).toBe('signature');
    expect(await reason(unwrapWebhook(body, { 'x-hub-signature': 'sha1=abc' }, options))).toBe('format');
  });
});

describe('custom { header, timestampHeader } (signed with node:crypto)', () => {
  const secret = 'custom-secret';
  const scheme = { header: 'X-Acme-Signature', timestampHeader: 'X-Acme-Timestamp' };
  const headers = (t: number, s = secret) => ({ 'x-acme-signature': hmacHex(s, `${t}.${body}`), 'x-acme-timestamp': String(t) });
  const options: UnwrapWebhookOptions = { secret, scheme, now: NOW };

  it('accepts a valid delivery, with or without a sha256= prefix, and a list of signatures', async () => {
    expect(await unwrapWebhook(body, headers(NOW_S), options)).toEqual(event);
    const prefixed = { ...headers(NOW_S), 'x-acme-signature': `sha256=${headers(NOW_S)['x-acme-signature']}` };
    expect(await unwrapWebhook(body, prefixed, options)).toEqual(event);
    const list = { ...headers(NOW_S), 'x-acme-signature': `${headers(NOW_S, 'old')['x-acme-signature']}, ${headers(NOW_S)['x-acme-signature']}` };
    expect(await unwrapWebhook(body, list, options)).toEqual(event);
  });

  it('refuses tampering, stale and future timestamps, missing headers', async () => {
    expect(await reason(unwrapWebhook(body, { ...headers(NOW_S), 'x-acme-timestamp': String(NOW_S + 1) }, options))).toBe('signature');
    expect(await reason(unwrapWebhook(body, headers(NOW_S - 400), options))).toBe('timestamp');
    expect(await reason(unwrapWebhook(body, headers(NOW_S + 400), options))).toBe('timestamp');
    expect(await reason(unwrapWebhook(body, { 'x-acme-signature': headers(NOW_S)['x-acme-signature'] }, options))).toBe('format');
  });

  it('without a timestampHeader signs the body alone', async () => {
    const bodyOnly = { header: 'X-Signature' };
    expect(await unwrapWebhook(body, { 'x-signature': hmacHex(secret, body) }, { secret, scheme: bodyOnly })).toEqual(event);
    const signed = await signWebhook(event, { secret, scheme: bodyOnly });
    expect(signed.headers['x-signature']).toBe(hmacHex(secret, signed.body));
  });
});

describe('bad options', () => {
  it('an unknown scheme or a non-base64 Standard secret is a TypeError, not a verification failure', async () => {
    await expect(unwrapWebhook(body, {}, { secret: 's', scheme: 'svix' as never })).rejects.toThrow(TypeError);
    const headers = standardDelivery(standardSecret(), body);
    await expect(unwrapWebhook(body, headers, { secret: 'whsec_***', now: NOW })).rejects.toThrow(TypeError);
  });
});
