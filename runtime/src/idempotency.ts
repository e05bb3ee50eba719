/**
 * Idempotency keys: created once per logical call and sent on every attempt, so a server that
 * deduplicates by key performs the side effect once however many times the request is retried.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */

/**
 * Methods that get an automatic key. The others are idempotent by definition (RFC 9110 §9.2.2).
 */
export const KEYED_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH']);

/**
 * A random UUID v4. Uses `crypto.randomUUID` where present (Node 20, browsers in secure contexts);
 * falls back to `crypto.getRandomValues`, which browsers also offer on plain-http pages, where
 * `randomUUID` is missing.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9562#section-5.4
 */
export function createIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new Error('No Web Crypto API (globalThis.crypto) available to create an idempotency key');
  }
  return formatUuidV4(crypto.getRandomValues(new Uint8Array(16)));
}

/** Formats 16 random bytes as a UUID v4 (sets the version and variant bits). */
export function formatUuidV4(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError('a UUID needs 16 bytes');
  const b = Uint8Array.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
