/**
 * `unwrapWebhook(body, headers, { secret })`: verify a signed webhook delivery, then parse it.
 * The signature is checked before the body is parsed (an unverified body is never read as JSON),
 * against every signature the delivery carries and every secret given (key rotation on either
 * side), with a constant-time comparison; a signed timestamp outside `tolerance` is refused both
 * ways (a replay, or a clock far ahead).
 * @see ../../../docs/webhooks.md
 */
import { bodyBytes, bodyText, concatBytes, timingSafeEqual, toBase64, toHex, type WebhookBody } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import type { WebhookHeaders } from './headers.js';
import { hmacKey, hmacSha256, type HmacKey } from './hmac.js';
import { schemeRules, type SchemeRules, type WebhookScheme } from './schemes.js';

/** A signing secret: text as the sender shows it (`whsec_...` for Standard Webhooks), or raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/** Options of {@link unwrapWebhook}. */
export interface UnwrapWebhookOptions {
  /** The signing secret, or several during a rotation (any one may match). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** @default 'standard' */
  readonly scheme?: WebhookScheme | undefined;
  /** Largest allowed distance between the signed timestamp and now, in seconds, either way. @default 300 */
  readonly tolerance?: number | undefined;
  /** Current time in ms since the epoch (for tests). @default Date.now() */
  readonly now?: number | undefined;
}

/** @default 300 seconds */
export const DEFAULT_WEBHOOK_TOLERANCE = 300;

/** Key bytes and cache key of one secret under `rules`. */
export function secretKey(rules: SchemeRules, secret: WebhookSecret): Promise<HmacKey> {
  if (typeof secret === 'string') return hmacKey(rules.key(secret), `${rules.encoding}\u0000${secret}`);
  if (secret instanceof Uint8Array) return hmacKey(secret, undefined);
  throw new TypeError('A webhook secret is a string or a Uint8Array');
}

function secretList(secret: UnwrapWebhookOptions['secret']): readonly WebhookSecret[] {
  const list = Array.isArray(secret) ? (secret as readonly WebhookSecret[]) : [secret as WebhookSecret];
  if (list.length === 0) throw new TypeError('unwrapWebhook needs a secret');
  return list;
}

/**
 * Verifies a webhook delivery and returns its parsed JSON body, typed as the spec's webhook payload
 * union in generated SDKs. Pass the raw body exactly as received (a string or bytes: a body parsed
 * and re-serialized by a framework no longer matches its signature).
 * @throws WebhookVerificationError with `reason` `'format'`, `'timestamp'` or `'signature'`
 */
export async function unwrapWebhook<TEvent = unknown>(body: WebhookBody, headers: WebhookHeaders, options: UnwrapWebhookOptions): Promise<TEvent> {
  await verifyWebhook(body, headers, options);
  const text = bodyText(body);
  try {
    return JSON.parse(text) as TEvent;
  } catch (error) {
    throw new WebhookVerificationError('format', 'The webhook signature is valid, but its body is not JSON', { cause: error });
  }
}

/**
 * The verification half of {@link unwrapWebhook}, for bodies that are not JSON.
 * @throws WebhookVerificationError
 */
export async function verifyWebhook(body: WebhookBody, headers: WebhookHeaders, options: UnwrapWebhookOptions): Promise<void> {
  if (typeof options !== 'object' || options === null) throw new TypeError('unwrapWebhook(body, headers, { secret }) needs options');
  const rules = schemeRules(options.scheme);
  const secrets = secretList(options.secret);
  const delivery = rules.parse(headers);
  if (delivery.timestamp !== undefined) {
    const tolerance = options.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE;
    const now = Math.floor((options.now ?? Date.now()) / 1000);
    const age = now - delivery.timestamp;
    if (age > tolerance) throw new WebhookVerificationError('timestamp', `The webhook timestamp is ${age} s old, more than the tolerance of ${tolerance} s`);
    if (-age > tolerance) throw new WebhookVerificationError('timestamp', `The webhook timestamp is ${-age} s in the future, more than the tolerance of ${tolerance} s`);
  }
  const content = concatBytes(delivery.prefix, bodyBytes(body));
  const encode = rules.encoding === 'base64' ? toBase64 : toHex;
  for (const secret of secrets) {
    const expected = encode(await hmacSha256(await secretKey(rules, secret), content));
    // Every candidate is compared, match or not, so timing does not tell which one matched.
    let matched = false;
    for (const candidate of delivery.signatures) matched = timingSafeEqual(expected, candidate) || matched;
    if (matched) return;
  }
  throw new WebhookVerificationError('signature', `No ${rules.name} signature of the webhook matches its body`);
}
