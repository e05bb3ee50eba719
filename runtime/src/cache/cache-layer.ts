/**
 * The ETag cache and `ifMatch` inside the request pipeline. `cachedAttempt` wraps one attempt: it
 * hands `sendAttempt` a transport decorator that adds `If-None-Match` / `If-Match`, turns a `304`
 * into the stored response (so decoding re-parses the stored text: every caller gets a fresh copy),
 * and captures a `200`'s text for the store. Decoding, errors and retries stay where they are.
 */

import { InvalidRequestError } from '../errors.js';
import { logWarn, type Logger, redactUrl } from '../logger.js';
import type { ClientConfig, ClientOptions, RequestOptions } from '../options.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { WithResponse } from '../response/info.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport/types.js';
import { createEtagCache } from './cache-option.js';
import { type CacheHit, type CacheRequest, type EtagCache, INVALIDATING_METHODS } from './etag-cache.js';
import { parseEntityTag } from './etag.js';
import { resourceKey } from './key.js';
import { LastSeenEtags } from './last-seen-etags.js';
import { MemoryCacheStore } from './memory-store.js';
import type { CachedResponse } from './store.js';

/** Per-client cache state, built once by `createCacheLayer`. */
export interface CacheLayer {
  /** `undefined` with `cache: false`. */
  readonly cache: EtagCache | undefined;
  readonly lastSeen: LastSeenEtags;
  /** Lower-case request headers whose values partition the cache (they carry credentials). */
  readonly credentialHeaders: readonly string[];
  /** Query parameters that carry credentials (`apiKey` schemes `in: query`). */
  readonly secretQueryParams: readonly string[];
  readonly logger: Logger | undefined;
}

/** Builds the layer from the client's `cache` and `logger` options and its security schemes. */
export function createCacheLayer(options: ClientOptions, config: ClientConfig): CacheLayer {
  // `authorization` and `cookie` are always partition inputs: the user may set them through
  // `defaultHeaders` or per-request `headers` without any declared scheme.
  const credentialHeaders = new Set(['authorization', 'cookie']);
  const secretQueryParams: string[] = [];
  for (const scheme of Object.values(config.securitySchemes ?? {})) {
    if (scheme.type !== 'apiKey') continue;
    if (scheme.in === 'header') credentialHeaders.add(scheme.name.toLowerCase());
    else if (scheme.in === 'query') secretQueryParams.push(scheme.name);
  }
  const logger = options.logger;
  return {
    cache: createEtagCache(options.cache),
    lastSeen: new LastSeenEtags(),
    credentialHeaders: [...credentialHeaders].sort(),
    secretQueryParams,
    logger: typeof logger?.debug === 'function' ? logger : undefined,
  };
}

/**
 * Runs one attempt through the cache. `send` is `sendAttempt` bound to the request and attempt
 * options; it receives the transport to use.
 *
 * The cache key (URL normalization, credential hash) is computed only when something needs it: a
 * GET the cache may serve, `ifMatch: 'auto'`, a write that invalidates, or a response that carried
 * an `ETag` to remember. A plain call with `cache: false` computes none.
 */
export async function cachedAttempt(
  layer: CacheLayer,
  transport: Transport,
  req: PreparedRequest,
  options: RequestOptions | undefined,
  send: (transport: Transport) => Promise<WithResponse<unknown>>,
): Promise<WithResponse<unknown>> {
  const cache = layer.cache;
  const mode = options?.cache;
  // A caller who sets a validator header runs their own conditional request: stay out of the way.
  const cacheable =
    cache !== undefined &&
    req.method === 'GET' &&
    mode !== 'no-store' &&
    req.headers['if-none-match'] === undefined &&
    req.headers['if-modified-since'] === undefined;
  const write = INVALIDATING_METHODS.has(req.method);
  const ifMatchAuto = options?.ifMatch === 'auto';
  // An empty built-in store can neither serve nor need invalidating: skip the key and the lookup.
  // Most APIs send no ETag, so their store stays empty and a cache-on client pays nothing per call.
  const empty = cache !== undefined && cache.store instanceof MemoryCacheStore && cache.store.size === 0;
  const mayHit = cacheable && mode !== 'no-cache' && !empty;
  // Other calls need the key only if the response carries an ETag (computed lazily below).
  let id = mayHit || ifMatchAuto || (write && ((cache !== undefined && !empty) || req.method === 'DELETE')) ? cacheRequest(layer, req) : undefined;
  const ifMatch = ifMatchAuto ? autoIfMatch(layer, id!) : undefined;
  let hit: CacheHit | undefined;
  if (mayHit) {
    const found = lookup(layer, req, cache, id!);
    hit = found instanceof Promise ? await found : found;
    if (layer.logger !== undefined) log(layer, hit ? 'hit, revalidating' : 'miss', req, hit && { etag: hit.entry.etag });
  } else if (cacheable && mode !== 'no-cache' && layer.logger !== undefined) {
    log(layer, 'miss', req);
  }

  const key = (): CacheRequest => (id ??= cacheRequest(layer, req));
  const through = new CacheTransport(layer, transport, req, cacheable ? { cache, id: key } : undefined, hit, ifMatch);
  const result = await send(through);
  const tag = parseEntityTag(through.seenEtag);
  if (req.method === 'DELETE') layer.lastSeen.forget(key());
  else if (tag) layer.lastSeen.remember(key(), tag.value);
  if (cache !== undefined && write && !empty) {
    await guard(layer, req, () => cache.invalidate(key()));
    log(layer, 'invalidated after write', req);
  }
  return result;
}

/**
 * The transport `sendAttempt` sees: adds `If-Match` / `If-None-Match`, answers a usable `304` from
 * the store, and captures a storable `200`'s text. Records the `ETag` of the response it returned
 * (`seenEtag`) for `ifMatch: 'auto'`. A class rather than an object of closures: one allocation
 * per attempt.
 */
class CacheTransport implements Transport {
  /** The `ETag` of the response handed out, if any. */
  seenEtag: string | undefined;
  readonly #layer: CacheLayer;
  readonly #transport: Transport;
  readonly #req: PreparedRequest;
  /** Set only when this GET may be served from and stored in the cache. */
  readonly #cached: { readonly cache: EtagCache; readonly id: () => CacheRequest } | undefined;
  readonly #hit: CacheHit | undefined;
  readonly #ifMatch: string | undefined;

  constructor(
    layer: CacheLayer,
    transport: Transport,
    req: PreparedRequest,
    cached: { readonly cache: EtagCache; readonly id: () => CacheRequest } | undefined,
    hit: CacheHit | undefined,
    ifMatch: string | undefined,
  ) {
    this.#layer = layer;
    this.#transport = transport;
    this.#req = req;
    this.#cached = cached;
    this.#hit = hit;
    this.#ifMatch = ifMatch;
  }

  async request(treq: TransportRequest): Promise<TransportResponse> {
    const layer = this.#layer;
    const req = this.#req;
    const transport = this.#transport;
    const cached = this.#cached;
    const hit = this.#hit;
    const ifMatch = this.#ifMatch;
    const headers = ifMatch === undefined ? treq.headers : { ...treq.headers, 'if-match': ifMatch };
    let res = await transport.request(
      hit ? withHeaders(treq, { ...headers, 'if-none-match': hit.entry.etag }) : headers === treq.headers ? treq : withHeaders(treq, headers),
    );
    if (cached !== undefined && res.status === 304) {
      const fresh = hit && (await guard(layer, req, () => cached.cache.refresh(hit, res.headers())));
      await res.discard();
      if (fresh) {
        log(layer, 'revalidated (304), serving the stored body', req, { etag: fresh.etag });
        this.seenEtag = fresh.etag;
        return new StoredResponse(fresh, res.url);
      }
      // A 304 we cannot use: its ETag is not ours (or malformed), or we sent no validator (the
      // entry went away meanwhile, or something between us and the server answered). Ask once
      // more, unconditionally; a second 304 surfaces as an ApiError, never as an empty body.
      log(layer, '304 without a usable entry, fetching again', req, { etag: res.header('etag') });
      res = await transport.request(withHeaders(treq, headers));
    }
    const etag = res.header('etag');
    this.seenEtag = etag;
    // Without an ETag there is nothing to store, and nothing to drop unless we held an entry.
    if (cached !== undefined && res.status === 200 && (etag !== undefined || hit !== undefined)) {
      if (hit) log(layer, 'entry changed (200)', req, { etag });
      const stored = res;
      return new CapturingResponse(res, (text) =>
        guard(layer, req, async () => {
          const outcome = await cached.cache.save(cached.id(), stored.status, stored.headers(), text);
          if (outcome !== 'stored') log(layer, `not stored (${outcome})`, req);
        }),
      );
    }
    return res;
  }
}

/**
 * `req` with other headers. Spelled out rather than spread (a spread of the request showed up in
 * profiles); the mapped type makes a field added to `TransportRequest` a compile error here.
 */
function withHeaders(req: TransportRequest, headers: Readonly<Record<string, string>>): TransportRequest {
  const copy: { [K in keyof Required<TransportRequest>]: TransportRequest[K] } = {
    method: req.method,
    url: req.url,
    origin: req.origin,
    path: req.path,
    headers,
    body: req.body,
    credentials: req.credentials,
    signal: req.signal,
  };
  return copy;
}

/** The request as the cache sees it: credential values picked out of the final headers and URL. */
function cacheRequest(layer: CacheLayer, req: PreparedRequest): CacheRequest {
  const credentials: string[] = [];
  for (const name of layer.credentialHeaders) {
    const value = req.headers[name];
    if (value !== undefined) credentials.push(`${name}:${value}`);
  }
  if (layer.secretQueryParams.length > 0) credentials.push(...secretQueryPairs(req.url, layer.secretQueryParams));
  const secretQueryParams = layer.secretQueryParams;
  return {
    method: req.method,
    url: req.url,
    credentials,
    secretQueryParams,
    headers: req.headers,
    resource: resourceKey({ url: req.url, credentials, secretQueryParams }),
  };
}

function secretQueryPairs(url: string, names: readonly string[]): string[] {
  const q = url.indexOf('?');
  if (q === -1) return [];
  const wanted = new Set(names.flatMap((n) => [n, encodeURIComponent(n)]));
  return url
    .slice(q + 1)
    .split('&')
    .filter((pair) => wanted.has(pair.slice(0, pair.includes('=') ? pair.indexOf('=') : undefined)));
}

/**
 * `ifMatch: 'auto'`: the ETag last seen for this URL (same credentials). Without one the write
 * would go out unconditionally, which is exactly what the caller asked to prevent: refuse instead.
 */
function autoIfMatch(layer: CacheLayer, id: CacheRequest): string {
  const tag = layer.lastSeen.get(id);
  if (tag === undefined) {
    throw new InvalidRequestError(
      `ifMatch: 'auto' needs an ETag seen for ${redactUrl(id.url, new Set(layer.secretQueryParams.map((n) => n.toLowerCase())))}, and none was: fetch the resource first, or pass the ETag`,
    );
  }
  return tag;
}

/**
 * A stored `200` dressed as a transport response; `text()` hands out the stored string, which the
 * decoder parses into a fresh value. A class rather than an object of closures: one allocation
 * per hit.
 */
class StoredResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #entry: CachedResponse;
  #headers: Headers | undefined;

  constructor(entry: CachedResponse, url: string) {
    this.#entry = entry;
    this.status = entry.status;
    this.url = url;
  }

  header(name: string): string | undefined {
    return this.#entry.headers[name];
  }

  headers(): Headers {
    return (this.#headers ??= new Headers(this.#entry.headers));
  }

  async text(limit?: number): Promise<string> {
    const body = this.#entry.body;
    return limit === undefined ? body : new TextDecoder().decode(new TextEncoder().encode(body).subarray(0, limit));
  }

  async bytes(): Promise<Uint8Array> {
    return new TextEncoder().encode(this.#entry.body);
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#entry.body], { type: this.#entry.headers['content-type'] ?? '' });
  }

  async discard(): Promise<void> {}
}

/** Passes a response through, handing its text to `onText` when the decoder reads it whole. */
class CapturingResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #res: TransportResponse;
  readonly #onText: (text: string) => Promise<void>;

  constructor(res: TransportResponse, onText: (text: string) => Promise<void>) {
    this.#res = res;
    this.#onText = onText;
    this.status = res.status;
    this.url = res.url;
  }

  header(name: string): string | undefined {
    return this.#res.header(name);
  }

  headers(): Headers {
    return this.#res.headers();
  }

  async text(limit?: number): Promise<string> {
    const text = await this.#res.text(limit);
    if (limit === undefined) await this.#onText(text);
    return text;
  }

  bytes(): Promise<Uint8Array> {
    return this.#res.bytes();
  }

  blob(): Promise<Blob> {
    return this.#res.blob();
  }

  discard(): Promise<void> {
    return this.#res.discard();
  }
}

/** `cache.lookup` under {@link guard}, without a promise turn when the store answers synchronously. */
function lookup(
  layer: CacheLayer,
  req: PreparedRequest,
  cache: EtagCache,
  id: CacheRequest,
): CacheHit | undefined | Promise<CacheHit | undefined> {
  let found: CacheHit | undefined | Promise<CacheHit | undefined>;
  try {
    found = cache.lookup(id);
  } catch (error) {
    storeFailed(layer, req, error);
    return undefined;
  }
  return found instanceof Promise ? guard(layer, req, () => found) : found;
}

/** A failing store (Redis down, ...) must not fail the call: log it and go on without the cache. */
async function guard<T>(layer: CacheLayer, req: PreparedRequest, op: () => Promise<T>): Promise<T | undefined> {
  try {
    return await op();
  } catch (error) {
    storeFailed(layer, req, error);
    return undefined;
  }
}

function storeFailed(layer: CacheLayer, req: PreparedRequest, error: unknown): void {
  // A warning, not a debug line: a shared store (Redis) being down is something to act on.
  const url = redactUrl(req.url, new Set(layer.secretQueryParams.map((n) => n.toLowerCase())));
  logWarn(layer.logger, `sdkgen cache store failed, continuing without it: ${req.method} ${url}`, {
    method: req.method,
    url,
    error: error instanceof Error ? error.message : String(error),
  });
}

function log(layer: CacheLayer, event: string, req: PreparedRequest, data?: Record<string, unknown>): void {
  if (layer.logger === undefined) return;
  const url = redactUrl(req.url, new Set(layer.secretQueryParams.map((n) => n.toLowerCase())));
  try {
    layer.logger.debug(`sdkgen cache ${event}: ${req.method} ${url}`, { method: req.method, url, ...data });
  } catch {
    // Logging must never change what a call does.
  }
}
