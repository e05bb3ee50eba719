import { APIPromise } from './api-promise.js';
import { setupOAuth, type OAuthSession } from './auth/oauth2.js';
import { encodeBody } from './request/body.js';
import { cachedAttempt, createCacheLayer, type CacheLayer } from './cache/cache-layer.js';
import { InvalidRequestError } from './errors.js';
import { DEFAULTS, type ClientConfig, type ClientOptions, type RequestOptions, type RuntimeParts } from './options.js';
import type { OperationDescriptor } from './operation.js';
import type { PagePromise, PageRequestOptions } from './pagination/page-promise.js';
import { applyPageUrl } from './pagination/page-url.js';
import type { Poller } from './poll/poller.js';
import { requestOperation } from './request-operation.js';
import { requestPage } from './request-page.js';
import { prepareRequest, type PrepareContext, type PreparedRequest } from './request/prepare.js';
import { parseBaseUrl } from './request/url.js';
import type { WithResponse } from './response/info.js';
import type { CallState } from './response/unread.js';
import { streamReader } from './stream/reader.js';
import {
  callSettings,
  clientCallSettings,
  sendWithRetries,
  systemClock,
  type ClientCallSettings,
  type RetryClock,
} from './retry/send-with-retries.js';
import { sendAttempt, type AttemptOptions } from './send.js';
import { Signals } from './signals/signals.js';
import { ACCEPT_ENCODING } from './transport/decompress.js';
import { resolveTransport, usesUndici } from './transport/resolve.js';
import type { Transport } from './transport/types.js';
import { defaultUserAgent } from './user-agent.js';

/**
 * The base of every generated client: configuration and the request pipeline, nothing an
 * operation does not use. A generated function is one call:
 * `client.request(op, pathArgs, params, options)`; paginated operations go through the standalone
 * {@link requestPage} instead, so an app that never pages bundles no pagination code.
 *
 * The pipeline is a chain of small steps, each a protected method so later layers (retries,
 * idempotency, ETag cache, hooks) can override one step:
 * `prepare` (URL, headers, body, auth) -> `execute` (cache lookup, retry loop) -> `sendAttempt`
 * (one HTTP exchange, decoded).
 */
export class CoreClient {
  /** The options the client was created with (credentials included). */
  readonly options: ClientOptions;
  /** The generated per-SDK configuration. */
  readonly config: ClientConfig;
  protected readonly transport: Transport;
  protected readonly context: PrepareContext;
  /** Time, sleep and randomness of the retry logic; tests substitute a fake clock. */
  protected clock: RetryClock = systemClock;
  /** ETag cache and `ifMatch: 'auto'` state (cache/cache-layer.ts). */
  protected readonly cacheLayer: CacheLayer;
  /** Retry, idempotency, hook and logger settings that do not change per call. */
  readonly #callDefaults: ClientCallSettings;
  /** `timeout` of an attempt when the call sets none. */
  readonly #timeout: number;
  /** OAuth tokens the runtime obtains itself (auth/oauth2.ts); `undefined` when none. */
  readonly #oauth: OAuthSession | undefined;
  /** Rate-limit pacing and deprecation warnings (signals/); `undefined` when off. */
  readonly #signals: Signals | undefined;

  constructor(options: ClientOptions, config: ClientConfig) {
    this.options = options;
    this.config = config;
    const baseUrl = options.baseUrl ?? config.baseUrl;
    if (baseUrl === undefined) {
      throw new InvalidRequestError('No base URL: pass `baseUrl` (the API description declares no server)');
    }
    const defaultHeaders: Record<string, string> = {};
    const userAgent = defaultUserAgent(config.sdkName, config.sdkVersion);
    if (userAgent !== undefined) defaultHeaders['user-agent'] = userAgent;
    // undici decodes what it asks for (transport/decompress.ts); fetch asks and decodes by itself.
    if (usesUndici(options.transport)) defaultHeaders['accept-encoding'] = ACCEPT_ENCODING;
    // The caller's `defaultHeaders` win, a `User-Agent` or `Accept-Encoding` among them.
    for (const [name, value] of Object.entries(options.defaultHeaders ?? {})) defaultHeaders[name.toLowerCase()] = value;
    const base = parseBaseUrl(baseUrl);
    this.transport = resolveTransport(options.transport);
    this.#timeout = options.timeout ?? DEFAULTS.timeout;
    const clock = (): RetryClock => this.clock;
    const oauth = (config.parts?.oauth ?? withoutOAuth)(config.securitySchemes, options as Readonly<Record<string, unknown>>, {
      baseUrl: base.origin + base.prefix,
      transport: this.transport,
      clock,
      logger: options.logger,
      tokenStore: options.tokenStore,
      clientAuth: options.clientAuth,
      timeout: this.#timeout,
      maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      maxRetryAfter: options.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
      userAgent: defaultHeaders['user-agent'],
    });
    this.#oauth = oauth.session;
    this.context = {
      base,
      config,
      credentials: oauth.credentials,
      defaultHeaders,
      idempotencyHeader: (options.idempotencyHeader ?? config.idempotencyHeader ?? DEFAULTS.idempotencyHeader).toLowerCase(),
    };
    this.cacheLayer = createCacheLayer(options, config);
    this.#callDefaults = clientCallSettings(options, config);
    this.#signals = Signals.create({
      pace: options.rateLimit === 'pace',
      rateLimitStore: options.rateLimitStore,
      logger: options.logger,
      onDeprecation: options.onDeprecation,
      clock,
      config,
      timeout: this.#timeout,
    });
  }

  /**
   * Calls one operation. Path arguments are positional in template order; `params` holds query,
   * header, cookie and body fields per the descriptor's layout.
   */
  request<T>(
    op: OperationDescriptor,
    pathArgs: readonly unknown[],
    params: object | undefined,
    options?: RequestOptions,
  ): APIPromise<T> {
    const call: CallState = { raw: false };
    return new APIPromise<T>(this.execute(op, pathArgs, params, options, call) as Promise<WithResponse<T>>, call);
  }

  /** Builds the request once; every attempt of the call reuses it. */
  protected prepare(
    op: OperationDescriptor,
    pathArgs: readonly unknown[],
    params: object | undefined,
    options: RequestOptions | undefined,
  ): PreparedRequest | Promise<PreparedRequest> {
    const req = prepareRequest(this.context, op, pathArgs, params, options);
    // Link-style pages swap the built URL for the server's next-page URL (pagination/page-url.ts).
    return req instanceof Promise ? req.then(applyPageUrl) : applyPageUrl(req);
  }

  /**
   * The whole call: prepare, then the retry loop around `attempt`. Not an async function: `prepare`
   * is synchronous unless a credential is a function, and awaiting its plain result would cost a
   * promise turn per call.
   */
  protected execute(
    op: OperationDescriptor,
    pathArgs: readonly unknown[],
    params: object | undefined,
    options: RequestOptions | undefined,
    call?: CallState,
  ): Promise<WithResponse<unknown>> {
    let req: PreparedRequest | Promise<PreparedRequest>;
    try {
      req = this.prepare(op, pathArgs, params, options);
    } catch (error) {
      // Invalid arguments reject the call's promise, as they did when this step was awaited.
      return Promise.reject(error);
    }
    return req instanceof Promise ? req.then((r) => this.#send(r, options, call)) : this.#send(req, options, call);
  }

  /**
   * Retries, idempotency key, Retry-After, problem details, hooks and log lines
   * (retry/send-with-retries.ts); the ETag cache works per attempt, inside `attempt`.
   */
  #send(req: PreparedRequest, options: RequestOptions | undefined, call?: CallState): Promise<WithResponse<unknown>> {
    const settings = callSettings(this.#callDefaults, options, this.clock);
    let sent = sendWithRetries(req, settings, (r) => this.attempt(r, options, call));
    const oauth = this.#oauth;
    if (oauth !== undefined) {
      // A 401 on a token the runtime obtained: a new token, and the call once more (never twice).
      sent = sent.catch(async (error: unknown) => {
        const token = await oauth.renew(error, req);
        const again: PreparedRequest = { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
        return sendWithRetries(again, settings, (r) => this.attempt(r, options, call));
      });
    }
    const reader = req.stream?.reader;
    if (reader === undefined) return sent;
    // A stream: the first response (retried as usual) opens it; drops reconnect inside the stream.
    return sent.then((result) =>
      call?.raw === true
        ? result
        : reader.open(result, req, {
            timeout: options?.timeout ?? this.#timeout,
            signal: options?.signal,
            maxRetries: settings.maxRetries,
            maxRetryAfter: settings.maxRetryAfter,
            sleep: this.clock.sleep,
            random: this.clock.random,
            attempt: (r) => this.attempt(r, options),
          }),
    );
  }

  /** One attempt with the effective timeout and the caller's signal. */
  protected attempt(req: PreparedRequest, options: RequestOptions | undefined, call?: CallState): Promise<WithResponse<unknown>> {
    const attemptOptions: AttemptOptions = {
      timeout: options?.timeout ?? this.#timeout,
      signal: options?.signal,
      call,
    };
    // A stream is never cached: its body is read as it arrives, not stored.
    if (req.stream !== undefined) return sendAttempt(this.transport, req, attemptOptions);
    // The cache hands sendAttempt a transport that adds validators and serves 304s from the store.
    const signals = this.#signals;
    if (signals === undefined) {
      return cachedAttempt(this.cacheLayer, this.transport, req, options, (transport) => sendAttempt(transport, req, attemptOptions));
    }
    // Pacing waits before the attempt (not counted in its timeout); every response is observed.
    const maxRetryAfter = options?.maxRetryAfter ?? this.#callDefaults.maxRetryAfter;
    return signals.attempt(req, this.transport, maxRetryAfter, options?.signal, (observed) =>
      cachedAttempt(this.cacheLayer, observed, req, options, (transport) => sendAttempt(transport, req, attemptOptions)),
    );
  }

  /** Closes pooled connections. Requests made afterwards fail with `ConnectionError`. */
  async close(): Promise<void> {
    await this.transport.close?.();
  }
}

/**
 * The OAuth part's stand-in for clients built without it: no token managers. A scheme with flows
 * the runtime would run is a configuration this client cannot honour, so it says so.
 */
function withoutOAuth(schemes: ClientConfig['securitySchemes'], options: Readonly<Record<string, unknown>>): ReturnType<typeof setupOAuth> {
  for (const [name, scheme] of Object.entries(schemes ?? {})) {
    if (scheme.type === 'bearer' && scheme.oauth2 !== undefined) {
      throw new InvalidRequestError(`Security scheme ${JSON.stringify(name)} has OAuth 2 flows but the config has no parts.oauth (setupOAuth)`);
    }
  }
  return { credentials: options, session: undefined };
}

/** Every part a client may need: what {@link BaseClient} adds to a config that names none. */
const ALL_PARTS: RuntimeParts = { oauth: setupOAuth, encodeBody, streams: streamReader };

/**
 * {@link CoreClient} with every pipeline part (OAuth flows, every body encoder, streams), for
 * descriptors and configs written by hand, and with pagination as a method: `client.requestPage(op, ...)` is
 * {@link requestPage}`(client, op, ...)`.
 */
export class BaseClient extends CoreClient {
  constructor(options: ClientOptions, config: ClientConfig) {
    super(options, { ...config, parts: { ...ALL_PARTS, ...config.parts } });
  }

  /**
   * Calls a paginated operation (`op.pagination` set). Awaiting the result gives the first page;
   * `for await` over it gives every item; `.pages()` every page. Each page goes through the same
   * pipeline as `request` (auth, retries, idempotency, ETag cache).
   */
  requestPage<Item, P extends object | undefined = Record<string, unknown>>(
    op: OperationDescriptor,
    pathArgs: readonly unknown[],
    params: P,
    options?: PageRequestOptions,
  ): PagePromise<Item, P> {
    return requestPage<Item, P>(this, op, pathArgs, params, options);
  }

  /**
   * Starts a long-running operation: `client.requestOperation(op, ...)` is
   * {@link requestOperation}`(client, op, ...)`, resolving with a `Poller`.
   */
  requestOperation<TStatus, TResult>(
    op: OperationDescriptor,
    pathArgs: readonly unknown[],
    params: object | undefined,
    options?: RequestOptions,
  ): APIPromise<Poller<TStatus, TResult>> {
    return requestOperation<TStatus, TResult>(this, op, pathArgs, params, options);
  }
}
