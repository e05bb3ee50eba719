/**
 * Where OAuth tokens live between calls: the `TokenStore` interface and its in-memory default. A
 * shared store (`@sdkgen/runtime/redis`) lets a fleet of processes fetch one token, not one each.
 */

/** A token as stored: plain JSON (strings and numbers), so a shared store can serialize it as is. */
export interface TokenRecord {
  readonly accessToken: string;
  /** ms since the epoch; absent when the server gave no `expires_in` (the token is kept until a 401). */
  readonly expiresAt?: number | undefined;
  /** When it was issued, ms since the epoch: with `expiresAt`, its lifetime (the refresh margin is a tenth of it, at most 30 s). */
  readonly issuedAt?: number | undefined;
  /** The refresh token to use next (rotated ones replace it). Secret: a shared store holds it too. */
  readonly refreshToken?: string | undefined;
  readonly scope?: string | undefined;
  readonly tokenType?: string | undefined;
}

/**
 * Stores tokens under keys the runtime derives from the token URL, client id, scopes and (for
 * refresh flows) the first refresh token; keys never contain a secret. Every method may return a
 * promise; a method that throws or rejects makes the client carry on with its own in-process state
 * (logged as a warning), never fail the call.
 */
export interface TokenStore {
  get(key: string): TokenRecord | undefined | Promise<TokenRecord | undefined>;
  set(key: string, record: TokenRecord): void | Promise<void>;
  /**
   * Marks the stored access token expired if it is still `accessToken` (compare-and-set): a 401
   * retires the token that failed, never a newer one another process stored meanwhile. A stored
   * refresh token is kept.
   */
  expire(key: string, accessToken: string): void | Promise<void>;
  /**
   * Takes the right to request a token for `key` for at most `ttlMs`: an owner id, or `undefined`
   * while someone else holds it (they are fetching; wait for `get` to show their token).
   */
  lock(key: string, ttlMs: number): string | undefined | Promise<string | undefined>;
  /** Gives the right back if `owner` still holds it. */
  unlock(key: string, owner: string): void | Promise<void>;
}

/** Whether `value` has the shape of a `TokenRecord`: what a shared store returns is checked, not trusted. */
export function isTokenRecord(value: unknown): value is TokenRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const optional = (name: string, type: string) => v[name] === undefined || typeof v[name] === type;
  return (
    typeof v['accessToken'] === 'string' &&
    v['accessToken'] !== '' &&
    optional('expiresAt', 'number') &&
    optional('issuedAt', 'number') &&
    optional('refreshToken', 'string') &&
    optional('scope', 'string') &&
    optional('tokenType', 'string')
  );
}

let owners = 0;

/** The default: one process, one map. Locks expire like shared ones do. */
export class MemoryTokenStore implements TokenStore {
  readonly #records = new Map<string, TokenRecord>();
  readonly #locks = new Map<string, { owner: string; until: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(key: string): TokenRecord | undefined {
    return this.#records.get(key);
  }

  set(key: string, record: TokenRecord): void {
    this.#records.set(key, record);
  }

  expire(key: string, accessToken: string): void {
    const record = this.#records.get(key);
    if (record !== undefined && record.accessToken === accessToken) this.#records.set(key, { ...record, expiresAt: 0 });
  }

  lock(key: string, ttlMs: number): string | undefined {
    const now = this.#now();
    const held = this.#locks.get(key);
    if (held !== undefined && held.until > now) return undefined;
    const owner = `memory-${++owners}`;
    this.#locks.set(key, { owner, until: now + ttlMs });
    return owner;
  }

  unlock(key: string, owner: string): void {
    if (this.#locks.get(key)?.owner === owner) this.#locks.delete(key);
  }
}
