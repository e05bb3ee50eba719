/**
 * The runtime's error tree. Every failure a caller can see is an `SdkError`:
 * `ApiError` (and a subclass per status) when the server answered with a non-2xx status,
 * `ConnectionError`, `TimeoutError` or `AbortError` when there is no response, and
 * `InvalidResponseError` when a 2xx body cannot be decoded.
 *
 * `instanceof` must hold across two copies of the runtime (two SDKs bundling their own), so each
 * class brands its prototype with a `Symbol.for` key and checks the brand in `Symbol.hasInstance`,
 * as undici does for its errors.
 */

import type { ProblemDetails } from './problem.js';

type Branded = { readonly prototype: object; readonly brand: symbol };

/** Puts the class's brand on its prototype, so instances of subclasses carry every ancestor's brand. */
export function brand(cls: Branded): void {
  Object.defineProperty(cls.prototype, cls.brand, { value: true });
}

/**
 * `instanceof` by brand. A user subclass without its own brand falls back to ordinary
 * prototype-chain instanceof.
 */
function hasBrand(cls: Branded, value: unknown): boolean {
  if (!Object.hasOwn(cls, 'brand')) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[cls.brand] === true;
}

/** Base of every error the runtime throws. */
export class SdkError extends Error {
  /** The `Symbol.for` key that marks instances; each subclass declares its own. */
  static readonly brand: symbol = Symbol.for('sdkgen.error.SdkError');
  static {
    brand(this);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

  override name = 'SdkError';

  /**
   * The idempotency key the failed call sent (set on errors of keyed calls: `ApiError`,
   * `ConnectionError`, `TimeoutError`, ...). The server may have acted on the request although the
   * call failed; calling again with `{ idempotencyKey: error.idempotencyKey }` lets it answer with
   * the first result instead of acting twice.
   */
  idempotencyKey?: string | undefined;
}

/** What `ApiError.from` needs to build an error from a response. */
export interface ApiErrorInit {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the body is JSON, else the (bounded) text, `undefined` when empty. */
  readonly body: unknown;
  /** The body text as received (at most the bounded prefix). */
  readonly rawBody: string;
  readonly method: string;
  /** Request URL; only its path appears in the message. */
  readonly url: string;
  readonly message?: string;
}

/**
 * The server answered with a non-2xx status.
 * Use `ApiError.from(init)` (or `makeApiError`) to get the subclass matching the status.
 */
export class ApiError<TProblem extends object = ProblemDetails> extends SdkError {
  /** Narrows to `ApiError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is ApiError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.ApiError');
  static {
    brand(this);
  }
  override name = 'ApiError';

  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON if the body was JSON, else its text; `undefined` for an empty body. */
  readonly body: unknown;
  /** The raw body text, bounded (see `MAX_ERROR_BODY_BYTES`). */
  readonly rawBody: string;
  /** From `x-request-id` or `request-id`, for support tickets. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** Delay the server asked for (ms), set by the retry layer from `Retry-After` / `retry-after-ms`. */
  retryAfter?: number;
  /**
   * RFC 9457 problem details, set when the body is `application/problem+json` (or JSON with the
   * problem shape). Generated SDKs type it from the operation's error responses; `isProblem()`
   * narrows by problem type.
   * @see https://www.rfc-editor.org/rfc/rfc9457
   */
  problem?: TProblem | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? apiErrorMessage(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.headers.get('x-request-id') ?? init.headers.get('request-id') ?? undefined;
  }

  /** Builds the `ApiError` subclass that matches `init.status`. */
  static from(init: ApiErrorInit): ApiError {
    return makeApiError(init);
  }
}

/** 400 */
export class BadRequestError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `BadRequestError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is BadRequestError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.BadRequestError');
  static {
    brand(this);
  }
  override name = 'BadRequestError';
}
/** 401: credentials missing or wrong. */
export class AuthenticationError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `AuthenticationError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is AuthenticationError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.AuthenticationError');
  static {
    brand(this);
  }
  override name = 'AuthenticationError';
  /**
   * Set when an OAuth 2 token endpoint refused (RFC 6749 section 5.2): its `error` code, e.g.
   * `invalid_client`, `invalid_grant`, `invalid_scope`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
   */
  error?: string;
  /** The token endpoint's `error_description`, when it sent one. */
  errorDescription?: string;
}
/** 403 */
export class PermissionDeniedError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `PermissionDeniedError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is PermissionDeniedError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.PermissionDeniedError');
  static {
    brand(this);
  }
  override name = 'PermissionDeniedError';
}
/** 404 */
export class NotFoundError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `NotFoundError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is NotFoundError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.NotFoundError');
  static {
    brand(this);
  }
  override name = 'NotFoundError';
}
/** 409 */
export class ConflictError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `ConflictError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is ConflictError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.ConflictError');
  static {
    brand(this);
  }
  override name = 'ConflictError';
}
/** 412: an `If-Match` precondition failed. */
export class PreconditionFailedError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `PreconditionFailedError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is PreconditionFailedError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.PreconditionFailedError');
  static {
    brand(this);
  }
  override name = 'PreconditionFailedError';
}
/** 422 */
export class UnprocessableEntityError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `UnprocessableEntityError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is UnprocessableEntityError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.UnprocessableEntityError');
  static {
    brand(this);
  }
  override name = 'UnprocessableEntityError';
}
/** 429 */
export class RateLimitError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `RateLimitError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is RateLimitError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.RateLimitError');
  static {
    brand(this);
  }
  override name = 'RateLimitError';
}
/** Any 5xx. */
export class InternalServerError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  /** Narrows to `InternalServerError` with `problem` typed as `ProblemDetails` (TS infers `any` for a generic class otherwise). */
  static override [Symbol.hasInstance](value: unknown): value is InternalServerError {
    return hasBrand(this, value);
  }

  static override readonly brand: symbol = Symbol.for('sdkgen.error.InternalServerError');
  static {
    brand(this);
  }
  override name = 'InternalServerError';
}

/**
 * Any `ApiError` whose body was RFC 9457 problem details, whatever its status:
 * `error instanceof ProblemError` narrows `error.problem` to present. It is a view, not a branch of
 * the tree: the runtime never constructs it, and the check reads the parsed `problem`, so it holds
 * for `NotFoundError`, `RateLimitError` and the rest alike (and across two copies of the runtime).
 * Use `isProblem(error, typeUri)` to narrow by problem type as well.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export abstract class ProblemError<TProblem extends object = ProblemDetails> extends ApiError<TProblem> {
  declare readonly problem: TProblem;

  static override [Symbol.hasInstance](value: unknown): value is ProblemError {
    if (!(value instanceof ApiError)) return false;
    const problem: unknown = value.problem;
    return typeof problem === 'object' && problem !== null;
  }
}

const byStatus: Readonly<Record<number, new (init: ApiErrorInit) => ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Builds the `ApiError` subclass for `init.status` (5xx -> `InternalServerError`, others -> `ApiError`). */
export function makeApiError(init: ApiErrorInit): ApiError {
  const cls = byStatus[init.status] ?? (init.status >= 500 && init.status <= 599 ? InternalServerError : ApiError);
  return new cls(init);
}

/** Longest server-supplied text quoted in an error message. */
const MESSAGE_DETAIL_CHARS = 300;

function apiErrorMessage(init: ApiErrorInit): string {
  let path = init.url;
  const scheme = path.indexOf('://');
  if (scheme !== -1) {
    const slash = path.indexOf('/', scheme + 3);
    path = slash === -1 ? '/' : path.slice(slash);
  }
  const detail = errorDetail(init.body);
  return `${init.method} ${path} failed with status ${init.status}${detail ? `: ${detail}` : ''}`;
}

/** The most human part of an error body: a common message field, else the text itself. */
function errorDetail(body: unknown): string {
  let text = '';
  if (typeof body === 'string') text = body;
  else if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const nested = typeof b['error'] === 'object' && b['error'] !== null ? (b['error'] as Record<string, unknown>) : {};
    const pick = [b['detail'], b['title'], b['message'], nested['message'], b['error'], b['error_description']].find(
      (v) => typeof v === 'string' && v !== '',
    );
    text = typeof pick === 'string' ? pick : JSON.stringify(body);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MESSAGE_DETAIL_CHARS ? `${text.slice(0, MESSAGE_DETAIL_CHARS)}...` : text;
}

/** The request failed before a response arrived (DNS, refused or reset connection, TLS, ...). */
export class ConnectionError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.ConnectionError');
  static {
    brand(this);
  }
  override name = 'ConnectionError';
}

/** An attempt took longer than the `timeout` option (ms, per attempt). */
export class TimeoutError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.TimeoutError');
  static {
    brand(this);
  }
  override name = 'TimeoutError';
}

/** The caller's `AbortSignal` fired (before or during the request). */
export class AbortError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.AbortError');
  static {
    brand(this);
  }
  override name = 'AbortError';
}

/** A 2xx response whose body could not be decoded as declared (e.g. invalid JSON). */
export class InvalidResponseError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.InvalidResponseError');
  static {
    brand(this);
  }
  override name = 'InvalidResponseError';
  readonly status: number;
  readonly headers: Headers;
  /** The body text that failed to decode. */
  readonly rawBody: string;

  constructor(message: string, init: { status: number; headers: Headers; rawBody: string; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.headers = init.headers;
    this.rawBody = init.rawBody;
  }
}

/**
 * A redirect could not be followed: more than 20 hops (a loop), a `Location` that is not an http(s)
 * URL, or a streamed body a 307/308 would have to resend. Never retried: the server would answer
 * the same way again.
 */
export class RedirectError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.RedirectError');
  static {
    brand(this);
  }
  override name = 'RedirectError';
}

/** The request could not be built from the arguments (e.g. a path parameter that is `..`). */
export class InvalidRequestError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.InvalidRequestError');
  static {
    brand(this);
  }
  override name = 'InvalidRequestError';
}
