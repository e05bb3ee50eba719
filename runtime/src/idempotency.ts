/**
 * Idempotency keys: created once per logical call and sent on every attempt, so a server that
 * deduplicates by key performs the side effect once however many times the request is retried.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */

/** Header name used when the caller passes `idempotencyKey` but the spec declared no header. */
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

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

/** Input of {@link resolveIdempotencyKey}. */
export interface IdempotencyInput {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Header name from the spec or the client's `idempotencyHeader` option, if any. */
  readonly configuredHeader?: string | undefined;
  /** The caller's `options.idempotencyKey`, if any. */
  readonly explicitKey?: string | undefined;
  /** Key source, injected for tests. @default createIdempotencyKey */
  readonly create?: (() => string) | undefined;
}

/**
 * The header to send with every attempt of one call, or `undefined` for none. Call once per logical
 * call, never per attempt.
 *
 * - an explicit `idempotencyKey` is always sent (on any method), under the configured header or
 *   {@link DEFAULT_IDEMPOTENCY_HEADER};
 * - otherwise POST and PATCH get a fresh UUID v4 when a header is configured.
 */
export function resolveIdempotencyKey(input: IdempotencyInput): { name: string; value: string } | undefined {
  const name = input.configuredHeader ?? DEFAULT_IDEMPOTENCY_HEADER;
  if (input.explicitKey !== undefined) return { name, value: input.explicitKey };
  if (input.configuredHeader === undefined || !KEYED_METHODS.has(input.method.toUpperCase())) return undefined;
  return { name, value: (input.create ?? createIdempotencyKey)() };
}
