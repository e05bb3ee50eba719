/**
 * OAuth 2 in the client: for each `oauth2` scheme whose flows the runtime can run (client
 * credentials, refresh tokens) and whose credentials the app gave, a `TokenManager`, exposed to
 * `applyAuth` as a credential function that also answers synchronously while its token is fresh;
 * and the 401 rule: a 401 on a call made with one of these tokens retires the token, gets a new
 * one and sends the call once more, never twice.
 */
import { fnv1a64 } from '../cache/hash.js';
import { AuthenticationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OAuth2Spec, SecuritySchemeSpec } from '../operation.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { RetryClock } from '../retry/send-with-retries.js';
import type { Transport } from '../transport/types.js';
import { requestToken, type ClientAuthMethod, type TokenGrant } from './token-endpoint.js';
import { TokenManager, type OnTokens } from './token-manager.js';
import type { TokenRecord, TokenStore } from './token-store.js';

/** What the OAuth machinery needs from the client. */
export interface OAuthContext {
  /** The client's base URL (`origin + prefix`): relative token URLs resolve against it. */
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly clock: () => RetryClock;
  readonly logger?: Logger | undefined;
  readonly tokenStore?: TokenStore | undefined;
  readonly clientAuth?: ClientAuthMethod | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  /** Sent to the token endpoint; the app's other default headers are not (they may hold API keys). */
  readonly userAgent?: string | undefined;
}

/**
 * A credential function `applyAuth` can also read without waiting: `peek()` gives the cached token
 * while it is fresh, so a warm call stays synchronous.
 */
export interface PeekableCredential {
  (): Promise<string | undefined>;
  peek(): string | undefined;
}

type Options = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function scopesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '');
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/** The managed token sources of one client, and the 401 rule over them. */
export class OAuthSession {
  readonly #managers: readonly TokenManager[];

  constructor(managers: readonly TokenManager[]) {
    this.#managers = managers;
  }

  /**
   * After a call failed: when it is a 401 and the call carried one of our tokens, retires that
   * token and returns a fresh one to resend with. Anything else rethrows `error`.
   */
  async renew(error: unknown, req: PreparedRequest): Promise<string> {
    if (!(error instanceof AuthenticationError) || !req.replayable) throw error;
    const header = req.headers['authorization'];
    const used = header !== undefined && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const manager = used === undefined ? undefined : this.#managers.find((m) => m.owns(used));
    if (manager === undefined || used === undefined) throw error;
    await manager.retire(used);
    return manager.token();
  }
}

/**
 * Builds the token managers of a client. Returns the credentials object `applyAuth` reads (the
 * client options, with a `PeekableCredential` in place of each managed scheme's token option) and
 * the session, or `undefined` when no scheme is managed.
 */
export function setupOAuth(
  schemes: Readonly<Record<string, SecuritySchemeSpec>> | undefined,
  options: Options,
  ctx: OAuthContext,
): { credentials: Options; session: OAuthSession | undefined } {
  const managers: TokenManager[] = [];
  let credentials = options;
  for (const scheme of Object.values(schemes ?? {})) {
    if (scheme.type !== 'bearer' || scheme.oauth2 === undefined) continue;
    const manager = managerFor(scheme.oauth2, scheme.option, options, ctx);
    if (manager === undefined) continue;
    managers.push(manager);
    const credential = Object.assign(() => manager.token(), { peek: () => manager.peek() }) satisfies PeekableCredential;
    credentials = { ...credentials, [scheme.option]: credential };
  }
  return { credentials, session: managers.length > 0 ? new OAuthSession(managers) : undefined };
}

function managerFor(spec: OAuth2Spec, tokenOption: string, options: Options, ctx: OAuthContext): TokenManager | undefined {
  // A token function means the app runs its own flow.
  if (typeof options[tokenOption] === 'function') return undefined;
  const clientId = text(options[spec.clientIdOption]);
  const clientSecret = text(options[spec.clientSecretOption]);
  const refreshToken = spec.refreshTokenOption === undefined ? undefined : text(options[spec.refreshTokenOption]);
  const scopes = spec.scopesOption === undefined ? [] : scopesOf(options[spec.scopesOption]);
  const resolve = (url: string) => new URL(url, ctx.baseUrl).href;
  const ccUrl = spec.clientCredentials !== undefined && clientId !== undefined && clientSecret !== undefined ? resolve(spec.clientCredentials.tokenUrl) : undefined;
  const refreshUrl = spec.refresh !== undefined && refreshToken !== undefined ? resolve(spec.refresh.tokenUrl) : undefined;
  if (ccUrl === undefined && refreshUrl === undefined) return undefined;

  const send = (tokenUrl: string, grant: TokenGrant): Promise<TokenRecord> =>
    requestToken({
      tokenUrl,
      grant,
      clientId,
      clientSecret,
      clientAuth: ctx.clientAuth ?? spec.clientAuth,
      transport: ctx.transport,
      timeout: ctx.timeout,
      maxRetries: ctx.maxRetries,
      maxRetryAfter: ctx.maxRetryAfter,
      clock: ctx.clock(),
      headers: ctx.userAgent === undefined ? undefined : { 'user-agent': ctx.userAgent },
    });
  const fetch = async (latest: TokenRecord | undefined): Promise<TokenRecord> => {
    const current = latest?.refreshToken ?? refreshToken;
    if (refreshUrl === undefined || current === undefined) return send(ccUrl!, { type: 'client_credentials', scopes });
    try {
      return await send(refreshUrl, { type: 'refresh_token', refreshToken: current, scopes });
    } catch (error) {
      // A refused refresh token (revoked, expired): client credentials, when the app has them.
      if (ccUrl === undefined || !(error instanceof AuthenticationError)) throw error;
      return send(ccUrl, { type: 'client_credentials', scopes });
    }
  };
  const accessToken = text(options[tokenOption]);
  const onTokens = spec.onTokensOption === undefined ? undefined : options[spec.onTokensOption];
  const flow = refreshUrl !== undefined ? 'refresh' : 'client_credentials';
  // The store key names the client, never a secret in clear (hashes of the secret and first refresh token partition it).
  const key = `oauth2:${fnv1a64([flow, refreshUrl ?? ccUrl ?? '', clientId ?? '', clientSecret ?? '', scopes.join(' '), refreshToken ?? ''])}`;
  return new TokenManager({
    key,
    store: ctx.tokenStore,
    initial: accessToken === undefined ? undefined : { accessToken, refreshToken },
    fetch,
    onTokens: typeof onTokens === 'function' ? (onTokens as OnTokens) : undefined,
    clock: ctx.clock,
    logger: ctx.logger,
    lockTtl: ctx.timeout > 0 && Number.isFinite(ctx.timeout) ? Math.min(ctx.timeout, 30_000) : 30_000,
  });
}
