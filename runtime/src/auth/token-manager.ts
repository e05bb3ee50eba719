/**
 * One OAuth 2 token source: the token cached in this process, the shared `TokenStore` behind it,
 * and single flight at both levels (one promise per process, one lock per store key), so 50
 * concurrent calls, or 4 processes on one Redis, cause one token request.
 */
import { logWarn, type Logger } from '../logger.js';
import type { RetryClock } from '../retry/send-with-retries.js';
import { MemoryTokenStore, isTokenRecord, type TokenRecord, type TokenStore } from './token-store.js';

/** What `onTokens` receives: every new token pair, so the app can persist a rotated refresh token. */
export interface OAuth2Tokens {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly expiresAt?: Date | undefined;
  readonly scope?: string | undefined;
  readonly tokenType?: string | undefined;
}

/** Called with every token pair this process obtains (not with tokens another process stored). */
export type OnTokens = (tokens: OAuth2Tokens) => void | Promise<void>;

/** Refresh this long before `expires_in` runs out, at most: a tenth of the lifetime for short-lived tokens. */
export const EXPIRY_MARGIN_MS = 30_000;
/** How often a process waiting for another's token request looks at the store. */
const POLL_MS = 20;
/** After a store failure, the store is left alone this long (per-process state meanwhile). */
const STORE_RETRY_MS = 5_000;
/** Tokens this process retired after a 401, remembered so concurrent 401s on them retry, not fail. */
const RETIRED_KEPT = 8;

export interface TokenManagerInit {
  /** Store key; never contains a secret in clear. */
  readonly key: string;
  /** The user's `tokenStore`; `undefined`: one in memory, for this client. */
  readonly store?: TokenStore | undefined;
  /** A token the app already holds (the `accessToken` and/or `refreshToken` options). */
  readonly initial?: TokenRecord | undefined;
  /** Asks the token endpoint; `latest` is the newest record known (its refresh token is the one to use). */
  readonly fetch: (latest: TokenRecord | undefined) => Promise<TokenRecord>;
  readonly onTokens?: OnTokens | undefined;
  readonly clock: () => RetryClock;
  readonly logger?: Logger | undefined;
  /** Longest a token request may hold the store's lock. */
  readonly lockTtl: number;
}

interface Held {
  readonly record: TokenRecord;
  /** When to stop using it: `expiresAt` minus the margin; Infinity without `expires_in`. */
  readonly refreshAt: number;
}

export class TokenManager {
  readonly #init: TokenManagerInit;
  readonly #store: TokenStore;
  #held: Held | undefined;
  #inflight: Promise<string> | undefined;
  #storeDownUntil = 0;
  readonly #retired: string[] = [];

  constructor(init: TokenManagerInit) {
    this.#init = init;
    this.#store = init.store ?? new MemoryTokenStore(() => init.clock().now());
    if (init.initial !== undefined) this.#held = this.#hold(init.initial);
  }

  /** The cached token when it is still fresh: the synchronous path every warm call takes. */
  peek(): string | undefined {
    const held = this.#held;
    return held !== undefined && this.#init.clock().now() < held.refreshAt ? held.record.accessToken : undefined;
  }

  /** A usable token: the cached one, else one request shared by every caller waiting meanwhile. */
  token(): Promise<string> {
    const fresh = this.peek();
    if (fresh !== undefined) return Promise.resolve(fresh);
    return (this.#inflight ??= this.#obtain().finally(() => (this.#inflight = undefined)));
  }

  /** Whether `accessToken` came from here (the current token or one retired after a 401). */
  owns(accessToken: string): boolean {
    return this.#held?.record.accessToken === accessToken || this.#retired.includes(accessToken);
  }

  /**
   * A 401 answered a call made with `accessToken`: retire it here and in the store, unless a newer
   * token already replaced it (a concurrent 401 did the work). The next `token()` gets a new one.
   */
  async retire(accessToken: string): Promise<void> {
    const held = this.#held;
    if (held === undefined || held.record.accessToken !== accessToken) return;
    this.#retired.push(accessToken);
    if (this.#retired.length > RETIRED_KEPT) this.#retired.shift();
    // The refresh token stays: it is what gets the next access token.
    this.#held = { record: { ...held.record, expiresAt: 0 }, refreshAt: 0 };
    await this.#shared((s) => s.expire(this.#init.key, accessToken));
  }

  #hold(record: TokenRecord): Held {
    if (record.expiresAt === undefined) return { record, refreshAt: Infinity };
    const lifetime = record.expiresAt - (record.issuedAt ?? record.expiresAt - EXPIRY_MARGIN_MS * 10);
    const margin = Math.min(EXPIRY_MARGIN_MS, Math.max(0, lifetime) / 10);
    return { record, refreshAt: record.expiresAt - margin };
  }

  #fresh(record: TokenRecord | undefined): record is TokenRecord {
    return record !== undefined && this.#init.clock().now() < this.#hold(record).refreshAt;
  }

  async #obtain(): Promise<string> {
    const { key, lockTtl } = this.#init;
    const clock = this.#init.clock();
    let stored = await this.#get();
    if (this.#fresh(stored)) return this.#adopt(stored);
    // Bounded: a lock holder that never stores a token (crashed) is waited for at most `lockTtl`.
    const deadline = clock.now() + lockTtl;
    while (clock.now() < deadline) {
      const lock = await this.#shared((s) => s.lock(key, lockTtl));
      // A failing store: this process fetches on its own (its own single flight still holds).
      const owner = lock.ok ? lock.value : UNSHARED;
      if (owner !== undefined) {
        try {
          // Someone may have stored a token between our look and our lock.
          if (owner !== UNSHARED) stored = (await this.#get()) ?? stored;
          if (this.#fresh(stored)) return this.#adopt(stored);
          return await this.#fetch(stored);
        } finally {
          if (owner !== UNSHARED) await this.#shared((s) => s.unlock(key, owner));
        }
      }
      await clock.sleep(POLL_MS);
      stored = await this.#get();
      if (this.#fresh(stored)) return this.#adopt(stored);
    }
    return this.#fetch(stored);
  }

  async #fetch(stored: TokenRecord | undefined): Promise<string> {
    // The store's record carries the newest refresh token (another process may have rotated it).
    const latest = stored ?? this.#held?.record ?? this.#init.initial;
    const fetched = await this.#init.fetch(latest);
    const record: TokenRecord = { ...fetched, refreshToken: fetched.refreshToken ?? latest?.refreshToken };
    await this.#shared((s) => s.set(this.#init.key, record));
    this.#held = this.#hold(record);
    await this.#notify(record);
    return record.accessToken;
  }

  #adopt(record: TokenRecord): string {
    this.#held = this.#hold(record);
    return record.accessToken;
  }

  async #get(): Promise<TokenRecord | undefined> {
    const found = await this.#shared((s) => s.get(this.#init.key));
    return found.ok && isTokenRecord(found.value) ? found.value : undefined;
  }

  async #notify(record: TokenRecord): Promise<void> {
    const onTokens = this.#init.onTokens;
    if (onTokens === undefined) return;
    try {
      await onTokens({
        accessToken: record.accessToken,
        refreshToken: record.refreshToken,
        expiresAt: record.expiresAt === undefined ? undefined : new Date(record.expiresAt),
        scope: record.scope,
        tokenType: record.tokenType,
      });
    } catch (error) {
      logWarn(this.#init.logger, 'sdkgen onTokens threw; the call goes on with the new token', { error: errorName(error) });
    }
  }

  /**
   * Runs `op` on the store. A failure is logged as a warning and the store is left alone for a
   * while: this process then works from its own state (`ok: false`), and no call fails for it.
   */
  async #shared<T>(op: (store: TokenStore) => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const now = this.#init.clock().now();
    if (now < this.#storeDownUntil) return { ok: false };
    try {
      return { ok: true, value: await op(this.#store) };
    } catch (error) {
      this.#storeDownUntil = now + STORE_RETRY_MS;
      logWarn(this.#init.logger, 'sdkgen token store failed; using per-process token state for now', {
        error: error instanceof Error ? error.message : String(error),
      });
      return { ok: false };
    }
  }
}

/** The lock a process takes on its own when the store cannot be reached. */
const UNSHARED = '\0unshared';

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
