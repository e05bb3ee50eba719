/**
 * `signWebhook(payload, { secret })`: a delivery signed as a sender would sign it, so tests can feed
 * their webhook handlers (generated `mocks.ts` re-exports it, typed by the spec's webhooks).
 */
import { bodyBytes, concatBytes, toBase64, toHex } from './encoding.js';
import { hmacSha256 } from './hmac.js';
import { schemeRules, type WebhookScheme } from './schemes.js';
import { secretKey, type WebhookSecret } from './unwrap.js';

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions {
  /** One secret, or several: the delivery then carries one signature per secret (a rotation). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** @default 'standard' */
  readonly scheme?: WebhookScheme | undefined;
  /** Unix seconds. @default now */
  readonly timestamp?: number | undefined;
  /** Standard Webhooks `webhook-id`. @default a random `msg_...` */
  readonly id?: string | undefined;
}

/** A signed delivery: the raw body and the headers to send with it. */
export interface SignedWebhook {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Signs `payload` (a string is sent as is; anything else as JSON). */
export async function signWebhook(payload: unknown, options: SignWebhookOptions): Promise<SignedWebhook> {
  const rules = schemeRules(options.scheme);
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const id = options.id ?? `msg_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
  const content = concatBytes(rules.prefix(timestamp, id), bodyBytes(body));
  const secrets = Array.isArray(options.secret) ? (options.secret as readonly WebhookSecret[]) : [options.secret as WebhookSecret];
  const encode = rules.encoding === 'base64' ? toBase64 : toHex;
  const signatures: string[] = [];
  for (const secret of secrets) signatures.push(encode(await hmacSha256(await secretKey(rules, secret), content)));
  return { body, headers: rules.headers(signatures, timestamp, id) };
}
