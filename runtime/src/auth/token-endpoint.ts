/**
 * One OAuth 2 token request (RFC 6749 sections 4.4 and 6): a form POST to the token endpoint with
 * client authentication, its JSON answer read into a `TokenRecord`, its error answer into an
 * `AuthenticationError` carrying `error` and `errorDescription`.
 *
 * The request goes through the client's transport and `sendAttempt` like any call (timeouts,
 * abort, redirects as `fetch` follows them), with transient failures retried. The client secret
 * is only ever written into this request.
 */
import { base64Utf8 } from '../auth.js';
import { ApiError, AuthenticationError, InvalidResponseError } from '../errors.js';
import type { OperationDescriptor } from '../operation.js';
import type { PreparedRequest } from '../request/prepare.js';
import { retryDecision } from '../retry/policy.js';
import { withRetries } from '../retry/retry.js';
import { attemptOutcome, enrichApiError, type RetryClock } from '../retry/send-with-retries.js';
import { sendAttempt } from '../send.js';
import type { Transport } from '../transport/types.js';
import type { TokenRecord } from './token-store.js';

/**
 * How the client authenticates to the token endpoint: `basic` (HTTP Basic, RFC 6749 section 2.3.1,
 * the one every server must support) or `body` (`client_id` and `client_secret` form parameters).
 */
export type ClientAuthMethod = 'basic' | 'body';

/** The grant being asked for. */
export type TokenGrant =
  | { readonly type: 'client_credentials'; readonly scopes?: readonly string[] | undefined }
  | { readonly type: 'refresh_token'; readonly refreshToken: string; readonly scopes?: readonly string[] | undefined };

export interface TokenRequest {
  /** Absolute URL. */
  readonly tokenUrl: string;
  readonly grant: TokenGrant;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  /** @default 'basic' */
  readonly clientAuth?: ClientAuthMethod | undefined;
  readonly transport: Transport;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly clock: RetryClock;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const TOKEN_OP: OperationDescriptor = { id: 'oauth2Token', method: 'POST', path: '', response: 'json' };

/**
 * RFC 6749 appendix B: client id and secret are form-encoded before they are joined for Basic.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the prepared POST: form body, client authentication, JSON accepted. */
export function tokenHttpRequest(req: TokenRequest): PreparedRequest {
  const url = new URL(req.tokenUrl);
  const form = new URLSearchParams();
  form.set('grant_type', req.grant.type);
  if (req.grant.type === 'refresh_token') form.set('refresh_token', req.grant.refreshToken);
  if (req.grant.scopes !== undefined && req.grant.scopes.length > 0) form.set('scope', req.grant.scopes.join(' '));
  const headers: Record<string, string> = {
    ...req.headers,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const { clientId, clientSecret } = req;
  if (clientId !== undefined) {
    if (clientSecret !== undefined && (req.clientAuth ?? 'basic') === 'basic') {
      headers['authorization'] = `Basic ${base64Utf8(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
    } else {
      // A public client (no secret) identifies itself with client_id alone (RFC 6749 section 3.2.1).
      form.set('client_id', clientId);
      if (clientSecret !== undefined) form.set('client_secret', clientSecret);
    }
  }
  const path = url.pathname + url.search;
  const basic = headers['authorization'] !== undefined;
  const secretInBody = form.has('client_secret');
  return {
    op: TOKEN_OP,
    method: 'POST',
    origin: url.origin,
    path,
    url: url.origin + path,
    headers,
    body: form.toString(),
    replayable: true,
    // Client authentication is a credential: a redirect to another origin drops the Basic header,
    // and is refused when the secret is in the body (a 307/308 would resend it there).
    ...(basic || secretInBody ? { credentials: { headers: basic ? ['authorization'] : [], query: [], cookies: [], body: secretInBody } } : {}),
  };
}

/** Seconds as a number, from a number or a numeric string (some servers quote it). */
function seconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Reads a successful token response (RFC 6749 section 5.1). */
export function readTokenResponse(body: unknown, now: number, url: string): TokenRecord {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const accessToken = b['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new InvalidResponseError(`The token endpoint ${url} answered without an access_token`, {
      status: 200,
      headers: new Headers(),
      // The body may hold a refresh token; keep only its member names.
      rawBody: JSON.stringify(Object.keys(b)),
    });
  }
  const expiresIn = seconds(b['expires_in']);
  const str = (name: string) => (typeof b[name] === 'string' && b[name] !== '' ? (b[name] as string) : undefined);
  return {
    accessToken,
    expiresAt: expiresIn === undefined ? undefined : now + expiresIn * 1000,
    issuedAt: now,
    refreshToken: str('refresh_token'),
    scope: str('scope'),
    tokenType: str('token_type'),
  };
}

/**
 * A 4xx from the token endpoint as `AuthenticationError` with the RFC 6749 `error` and
 * `error_description`; other errors (5xx after retries, connection errors) pass through.
 */
function tokenError(error: unknown, url: string): unknown {
  if (!(error instanceof ApiError) || error.status < 400 || error.status > 499) return error;
  const b = typeof error.body === 'object' && error.body !== null ? (error.body as Record<string, unknown>) : {};
  const code = typeof b['error'] === 'string' ? b['error'] : undefined;
  const description = typeof b['error_description'] === 'string' ? b['error_description'] : undefined;
  const said = code === undefined ? '' : `: ${code}${description === undefined ? '' : ` (${description.slice(0, 300)})`}`;
  const auth = new AuthenticationError({
    status: error.status,
    headers: error.headers,
    body: error.body,
    rawBody: error.rawBody,
    method: 'POST',
    url,
    message: `OAuth token request to ${url} failed with status ${error.status}${said}`,
  });
  if (code !== undefined) auth.error = code;
  if (description !== undefined) auth.errorDescription = description;
  if (error.problem !== undefined) auth.problem = error.problem;
  return auth;
}

/** Sends the token request (retrying connection errors, 408, 429 and 5xx) and reads the token. */
export async function requestToken(req: TokenRequest): Promise<TokenRecord> {
  const prepared = tokenHttpRequest(req);
  const url = prepared.url.split('?')[0]!;
  try {
    const { data } = await withRetries(() => sendAttempt(req.transport, prepared, { timeout: req.timeout }), {
      maxRetries: req.maxRetries,
      maxRetryAfter: req.maxRetryAfter,
      sleep: req.clock.sleep,
      random: req.clock.random,
      inspect: (error) => {
        if (error instanceof ApiError) enrichApiError(error, req.clock.now());
        // Asking for a token again is harmless: judged like an idempotent request.
        const decision = retryDecision({ method: 'PUT', hasIdempotencyKey: false, outcome: attemptOutcome(error) });
        return { ...decision, retryAfter: error instanceof ApiError ? error.retryAfter : undefined };
      },
    });
    return readTokenResponse(data, req.clock.now(), url);
  } catch (error) {
    throw tokenError(error, url);
  }
}
