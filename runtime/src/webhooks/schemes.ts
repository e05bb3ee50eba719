/**
 * The signing schemes, one small object each: which headers carry the signature and timestamp, what
 * content is signed, how signatures and secrets are encoded. `unwrapWebhook` and `signWebhook` share
 * them, so what one signs the other verifies.
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 * @see https://docs.stripe.com/webhooks#verify-manually
 * @see https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
import { fromBase64, utf8 } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import { headerValue, type WebhookHeaders } from './headers.js';

/** A custom HMAC-SHA256 scheme: hex signature of `<timestamp>.<body>` (or of the body alone). */
export interface CustomWebhookScheme {
  /** Header carrying the hex signature(s); `sha256=` / `v1=` prefixes and `,`/space lists are accepted. */
  readonly header: string;
  /** Header carrying the Unix timestamp (seconds). Without one, the body alone is signed and no age is checked. */
  readonly timestampHeader?: string | undefined;
}

/** Which scheme signs the deliveries. @default 'standard' (Standard Webhooks) */
export type WebhookScheme = 'standard' | 'stripe' | 'github' | CustomWebhookScheme;

/** What a delivery's headers say. */
export interface SignedDelivery {
  /** Text signed before the body (`<id>.<timestamp>.`, `<timestamp>.`, or nothing). */
  readonly prefix: string;
  /** Unix seconds, for schemes that sign a timestamp. */
  readonly timestamp?: number | undefined;
  /** Candidate signatures, in the scheme's encoding. */
  readonly signatures: readonly string[];
}

export interface SchemeRules {
  readonly name: string;
  readonly encoding: 'base64' | 'hex';
  /** Reads the delivery headers; throws `WebhookVerificationError('format')` when they are unusable. */
  parse(headers: WebhookHeaders): SignedDelivery;
  /** Key bytes of a secret given as a string, and the cache key naming that conversion. */
  key(secret: string): Uint8Array;
  /** Headers of a delivery signed with `signatures` (for `signWebhook`). */
  headers(signatures: readonly string[], timestamp: number, id: string): Record<string, string>;
  /** The signed prefix for `signWebhook`. */
  prefix(timestamp: number, id: string): string;
}

function formatError(message: string): WebhookVerificationError {
  return new WebhookVerificationError('format', message);
}

function required(headers: WebhookHeaders, name: string): string {
  const value = headerValue(headers, name)?.trim();
  if (value === undefined || value === '') throw formatError(`The webhook has no ${name} header`);
  return value;
}

/** Unix seconds: digits only (no sign, no fraction, no exponent). */
function parseTimestamp(text: string, header: string): number {
  if (!/^\d{1,15}$/.test(text)) throw formatError(`The ${header} header is not a Unix timestamp in seconds`);
  return Number(text);
}

/** Signatures of a list header: `,` or whitespace separated, each maybe `name=`-prefixed. */
function hexList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.replace(/^[a-z0-9]+=/i, '').toLowerCase())
    .filter((s) => s !== '');
}

const STANDARD_SECRET_PREFIX = 'whsec_';

const standard: SchemeRules = {
  name: 'Standard Webhooks',
  encoding: 'base64',
  parse(headers) {
    const id = required(headers, 'webhook-id');
    const timestamp = parseTimestamp(required(headers, 'webhook-timestamp'), 'webhook-timestamp');
    const signatures: string[] = [];
    // `v1,<base64> v1,<base64>`: other versions (v1a is asymmetric) are skipped.
    for (const part of required(headers, 'webhook-signature').split(' ')) {
      const comma = part.indexOf(',');
      if (comma !== -1 && part.slice(0, comma) === 'v1') signatures.push(part.slice(comma + 1));
    }
    if (signatures.length === 0) throw formatError('The webhook-signature header has no v1 signature');
    return { prefix: `${id}.${timestamp}.`, timestamp, signatures };
  },
  key(secret) {
    const text = secret.startsWith(STANDARD_SECRET_PREFIX) ? secret.slice(STANDARD_SECRET_PREFIX.length) : secret;
    const bytes = fromBase64(text);
    if (bytes === undefined || bytes.length === 0) {
      throw new TypeError('A Standard Webhooks secret is base64, optionally prefixed with whsec_ (as the sender shows it)');
    }
    return bytes;
  },
  headers: (signatures, timestamp, id) => ({
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.map((s) => `v1,${s}`).join(' '),
  }),
  prefix: (timestamp, id) => `${id}.${timestamp}.`,
};

const stripe: SchemeRules = {
  name: 'Stripe',
  encoding: 'hex',
  parse(headers) {
    const value = required(headers, 'stripe-signature');
    let timestamp: number | undefined;
    const signatures: string[] = [];
    for (const item of value.split(',')) {
      const eq = item.indexOf('=');
      const key = item.slice(0, eq).trim();
      const v = item.slice(eq + 1).trim();
      if (eq === -1) continue;
      if (key === 't') timestamp = parseTimestamp(v, 'Stripe-Signature t=');
      else if (key === 'v1') signatures.push(v.toLowerCase());
    }
    if (timestamp === undefined) throw formatError('The Stripe-Signature header has no t= timestamp');
    if (signatures.length === 0) throw formatError('The Stripe-Signature header has no v1= signature');
    return { prefix: `${timestamp}.`, timestamp, signatures };
  },
  // Stripe keys the HMAC with the secret's text, `whsec_` prefix included.
  key: (secret) => utf8(secret),
  headers: (signatures, timestamp) => ({ 'stripe-signature': [`t=${timestamp}`, ...signatures.map((s) => `v1=${s}`)].join(',') }),
  prefix: (timestamp) => `${timestamp}.`,
};

const github: SchemeRules = {
  name: 'GitHub',
  encoding: 'hex',
  parse(headers) {
    const value = required(headers, 'x-hub-signature-256');
    const signatures = value
      .split(/[\s,]+/)
      .filter((s) => s.startsWith('sha256='))
      .map((s) => s.slice('sha256='.length).toLowerCase());
    if (signatures.length === 0) throw formatError('The X-Hub-Signature-256 header has no sha256= signature');
    return { prefix: '', signatures };
  },
  key: (secret) => utf8(secret),
  headers: (signatures) => ({ 'x-hub-signature-256': signatures.map((s) => `sha256=${s}`).join(', ') }),
  prefix: () => '',
};

function custom(scheme: CustomWebhookScheme): SchemeRules {
  if (typeof scheme.header !== 'string' || scheme.header.trim() === '') throw new TypeError('A custom webhook scheme needs a `header` name');
  const { header, timestampHeader } = scheme;
  return {
    name: `custom (${header})`,
    encoding: 'hex',
    parse(headers) {
      const signatures = hexList(required(headers, header));
      if (signatures.length === 0) throw formatError(`The ${header} header has no signature`);
      if (timestampHeader === undefined) return { prefix: '', signatures };
      const timestamp = parseTimestamp(required(headers, timestampHeader), timestampHeader);
      return { prefix: `${timestamp}.`, timestamp, signatures };
    },
    key: (secret) => utf8(secret),
    headers: (signatures, timestamp) => ({
      [header.toLowerCase()]: signatures.join(','),
      ...(timestampHeader !== undefined && { [timestampHeader.toLowerCase()]: String(timestamp) }),
    }),
    prefix: (timestamp) => (timestampHeader === undefined ? '' : `${timestamp}.`),
  };
}

/** The rules of `scheme`. */
export function schemeRules(scheme: WebhookScheme | undefined): SchemeRules {
  if (scheme === undefined || scheme === 'standard') return standard;
  if (scheme === 'stripe') return stripe;
  if (scheme === 'github') return github;
  if (typeof scheme === 'object' && scheme !== null) return custom(scheme);
  throw new TypeError(`Unknown webhook scheme ${JSON.stringify(scheme)}: use 'standard', 'stripe', 'github' or { header, timestampHeader }`);
}
