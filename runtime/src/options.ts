import type { OnRequestHook, OnResponseHook } from './hooks.js';
import type { Logger } from './logger.js';
import type { CacheStore } from './cache/store.js';
import type { SecuritySchemeSpec } from './operation.js';
import type { ClientAuthMethod } from './auth/token-endpoint.js';
import type { TokenStore } from './auth/token-store.js';
import type { OnDeprecation } from './signals/deprecation.js';
import type { RateLimitStore } from './signals/rate-limit-store.js';
import type { Transport } from './transport/types.js';

/** A credential: a string, or a function (maybe async) called before every request, e.g. to refresh a token. */
export type Credential = string | (() => string | undefined | Promise<string | undefined>);

/** Bounds of the built-in ETag cache. */
export interface CacheLimits {
  /** @default 1000 */
  readonly maxEntries?: number;
  /** @default 10 MiB */
  readonly maxBytes?: number;
}

/**
 * User-facing client options (README "Use", docs/reliability.md). The generated client's options interface extends
 * this with its credential options (`apiKey`, `bearerToken`, `username`/`password`, `accessToken`, ...).
 */
export interface ClientOptions {
  /** @default the spec's first server */
  baseUrl?: string | undefined;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt (connect, headers and body); `0` or `Infinity`: no limit. @default 60_000 */
  timeout?: number | undefined;
  /** Longest `Retry-After` honoured, in ms; longer asks fail at once. @default 60_000 */
  maxRetryAfter?: number | undefined;
  /**
   * ETag cache: `true` (built-in LRU, 1000 entries / 10 MiB), `false` (off), `{ maxEntries, maxBytes }`,
   * or a `CacheStore` (e.g. Redis-backed, shared between processes).
   * @default true
   * @see docs/cache.md
   */
  cache?: boolean | CacheLimits | CacheStore | undefined;
  /** @default 'auto' */
  transport?: 'auto' | 'undici' | 'fetch' | Transport | undefined;
  /** Header carrying idempotency keys. @default the spec's, else `Idempotency-Key` */
  idempotencyHeader?: string | undefined;
  /** Sent with every request; per-request `headers` win. */
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * Debug logger (`console` fits): one line per attempt, retry (reason and delay) and failure.
   * Credentials in headers and query parameters are redacted. @default none
   */
  logger?: Logger | undefined;
  /** Called before each attempt (retries included); may add headers for that attempt. */
  onRequest?: OnRequestHook | undefined;
  /** Called for each response, 2xx or not, before the retry decision. */
  onResponse?: OnResponseHook | undefined;
  /**
   * Follow next-page URLs (`Link` header, next-URL fields) on another origin than `baseUrl`, sending
   * the client's credentials there. @default false
   */
  allowCrossOriginPagination?: boolean | undefined;
  /**
   * `'pace'`: before each request, take a unit of the rate-limit budget the server announced
   * (`X-RateLimit-*`, IETF `RateLimit`) for this API key and origin, or wait for the window to
   * reset, rather than send a request that would earn a 429; never longer than `maxRetryAfter`
   * (then `RateLimitError` with `retryAfter`, at once).
   * @default 'off'
   * @see docs/signals.md
   */
  rateLimit?: 'off' | 'pace' | undefined;
  /**
   * Called once per operation that is deprecated: marked so in the spec, or answered with a
   * `Deprecation` (RFC 9745) or `Sunset` (RFC 8594) header. The logger gets a warning as well.
   */
  onDeprecation?: OnDeprecation | undefined;
  /**
   * Where OAuth tokens are kept: in memory (default), or shared by a fleet of processes
   * (`redisStores(...).tokens` from `@sdkgen/runtime/redis`). @see docs/scaling.md
   */
  tokenStore?: TokenStore | undefined;
  /** Where the `rateLimit: 'pace'` budget is kept: in memory (default) or shared. @see docs/scaling.md */
  rateLimitStore?: RateLimitStore | undefined;
  /**
   * How OAuth client credentials reach the token endpoint: `basic` (HTTP Basic) or `body`
   * (`client_id` / `client_secret` form parameters).
   * @default the spec's `x-token-endpoint-auth-method`, else 'basic'
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
   */
  clientAuth?: ClientAuthMethod | undefined;
}

/** Generated, per SDK: what the spec says about servers, auth and idempotency. */
export interface ClientConfig {
  readonly baseUrl?: string | undefined;
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeSpec>> | undefined;
  /** The spec's idempotency header name, when any operation declares one. */
  readonly idempotencyHeader?: string | undefined;
  readonly sdkName?: string | undefined;
  readonly sdkVersion?: string | undefined;
  /** Pipeline parts this SDK needs beyond the core (see {@link RuntimeParts}). */
  readonly parts?: RuntimeParts | undefined;
}

/**
 * Pieces of the pipeline a client gets handed instead of importing, so that a bundle carries only
 * what its SDK uses (docs/ARCHITECTURE.md, "What generated code injects"). Generated code passes
 * `oauth` when a scheme has OAuth 2 flows the runtime runs; per-operation pieces (body encoders,
 * the stream reader) ride on the descriptors instead. `BaseClient` has every part.
 */
export interface RuntimeParts {
  /** Runs the token-endpoint flows of `oauth2` schemes: `setupOAuth`. */
  readonly oauth?: typeof import('./auth/oauth2.js').setupOAuth | undefined;
  /** Encodes bodies other than JSON and text whose descriptor names no `body.encode`. */
  readonly encodeBody?: import('./request/body.js').BodyEncoder | undefined;
  /** Reads streams of operations whose descriptor names no `stream.reader`. */
  readonly streams?: import('./stream/reader.js').StreamReader | undefined;
}

/** Per-call options, the last argument of every generated method. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); the call rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt. @default the client's `timeout` */
  timeout?: number | undefined;
  /** @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /**
   * Longest `Retry-After` (ms) this call waits for; a server asking for more fails the call at once
   * with the error's `retryAfter` set. @default the client's `maxRetryAfter`
   */
  maxRetryAfter?: number | undefined;
  /** Extra headers; `null` or `undefined` removes a header the SDK would send. */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Overrides the generated idempotency key. */
  idempotencyKey?: string | undefined;
  /**
   * Sent as `If-Match` (optimistic concurrency; a mismatch throws `PreconditionFailedError`). `'auto'`
   * sends the ETag last seen for this URL with the same credentials, and throws
   * `InvalidRequestError` (sending nothing) when none was seen.
   * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1
   */
  ifMatch?: 'auto' | (string & {}) | undefined;
  /** `no-store`: bypass the ETag cache; `no-cache`: fetch without `If-None-Match` and store the result. */
  cache?: 'no-store' | 'no-cache' | undefined;
  /** Pagination: stop after this many items. */
  maxItems?: number | undefined;
  /** Pagination: stop after this many pages. */
  maxPages?: number | undefined;
}

/** Effective defaults of `ClientOptions`. */
export const DEFAULTS = {
  maxRetries: 2,
  timeout: 60_000,
  maxRetryAfter: 60_000,
  idempotencyHeader: 'Idempotency-Key',
} as const;
