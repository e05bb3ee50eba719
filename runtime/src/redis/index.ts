/**
 * `@sdkgen/runtime/redis`: the three shared stores on Redis, for a fleet of processes that share
 * one API key: the ETag cache, OAuth tokens and the rate-limit budget.
 *
 * ```ts
 * import { createClient } from 'redis';
 * import { redisStores } from '@sdkgen/runtime/redis';
 * const redis = createClient({ url: process.env.REDIS_URL });
 * redis.on('error', (e) => log.warn(e));
 * await redis.connect();
 * const stores = redisStores(redis, { prefix: 'acme:' });
 * const client = new Acme({ cache: stores.cache, tokenStore: stores.tokens, rateLimitStore: stores.rateLimit, rateLimit: 'pace' });
 * ```
 *
 * It takes the client the app created (the official `redis` package, v5) and never imports it.
 * Every operation is one Lua script, so it is atomic: N processes take units of one budget, one of
 * them holds the token lock. A command that fails or takes longer than `timeout` throws; the
 * runtime then carries on with per-process state and logs a warning, and this module fails fast
 * for `retryAfter` ms before trying Redis again.
 * @see docs/scaling.md
 */
import { isCacheRecord, type CacheRecord, type CacheStore } from '../cache/store.js';
import { isTokenRecord, type TokenRecord, type TokenStore } from '../auth/token-store.js';
import { PROBE_POLL_MS, UNLIMITED_MS, type RateLimitDecision, type RateLimitOutcome, type RateLimitStore } from '../signals/rate-limit-store.js';

/** What the stores use of a `redis` client: `EVAL` with keys and arguments (node-redis v5's signature). */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisStoresOptions {
  /** Prepended to every key. @default 'sdkgen:' */
  readonly prefix?: string | undefined;
  /** Longest wait for one command, ms; longer counts as a failure. @default 1000 */
  readonly timeout?: number | undefined;
  /** After a failure, commands fail at once for this long (ms) instead of waiting on a dead server. @default 2000 */
  readonly retryAfter?: number | undefined;
  /** Lifetime of an ETag cache entry, seconds (Redis does not bound what it holds otherwise). @default 86400 */
  readonly cacheTtl?: number | undefined;
}

export interface RedisStores {
  readonly cache: CacheStore;
  readonly tokens: TokenStore;
  readonly rateLimit: RateLimitStore;
}

const DAY_MS = 86_400_000;
/** Tokens with a refresh token are kept this long: the refresh token outlives the access token. */
const REFRESHABLE_TTL_MS = 30 * DAY_MS;
/** Rate-limit state outlives any sane window, then goes. */
const RATE_STATE_TTL_MS = 3_600_000;

const GET = `return redis.call('GET', KEYS[1])`;
const SET_PX = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1`;
const DEL = `redis.call('DEL', KEYS[1]) return 1`;
const LOCK = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end return 0`;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1`;
const EXPIRE_TOKEN = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, t = pcall(cjson.decode, v)
if not ok or type(t) ~= 'table' or t['accessToken'] ~= ARGV[1] then return 0 end
t['expiresAt'] = 0
redis.call('SET', KEYS[1], cjson.encode(t), 'KEEPTTL')
return 1`;

/** The reference rules of MemoryRateLimitStore.acquire, as one atomic script: 0, or {until, 1 (window) | 2 (probe)}. */
const ACQUIRE = `
local k = KEYS[1]
local now, probeTtl, poll, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local s = redis.call('HMGET', k, 'remaining', 'resetAt', 'probeUntil', 'freeUntil')
local remaining, resetAt = tonumber(s[1]) or 0, tonumber(s[2]) or 0
local probeUntil, freeUntil = tonumber(s[3]) or 0, tonumber(s[4]) or 0
if now < freeUntil then return 0 end
if now < resetAt then
  if remaining > 0 then
    redis.call('HINCRBY', k, 'remaining', -1)
    redis.call('HINCRBY', k, 'inflight', 1)
    return 0
  end
  return {resetAt, 1}
end
if now < probeUntil then return {math.min(probeUntil, now + poll), 2} end
redis.call('HSET', k, 'probeUntil', now + probeTtl)
redis.call('HINCRBY', k, 'inflight', 1)
redis.call('PEXPIRE', k, ttl)
return 0`;

/** The reference rules of MemoryRateLimitStore.update. */
const UPDATE = `
local k = KEYS[1]
local now, kind = tonumber(ARGV[1]), ARGV[2]
local inflight = math.max(0, (tonumber(redis.call('HGET', k, 'inflight')) or 0) - 1)
redis.call('HSET', k, 'inflight', inflight)
redis.call('PEXPIRE', k, ARGV[7])
local resetAt = tonumber(redis.call('HGET', k, 'resetAt')) or 0
local live = now < resetAt
if kind == 'unlimited' then
  redis.call('HDEL', k, 'probeUntil')
  if not live then redis.call('HSET', k, 'freeUntil', now + tonumber(ARGV[6])) end
  return 1
end
if kind ~= 'window' then
  redis.call('HDEL', k, 'probeUntil')
  return 1
end
local remaining, newReset = tonumber(ARGV[3]), tonumber(ARGV[4])
if newReset <= now then return 1 end
redis.call('HDEL', k, 'probeUntil', 'freeUntil')
if live then
  local current = tonumber(redis.call('HGET', k, 'remaining')) or 0
  redis.call('HSET', k, 'remaining', math.min(current, remaining), 'resetAt', math.max(resetAt, newReset))
else
  redis.call('HSET', k, 'remaining', math.max(0, remaining - inflight), 'resetAt', newReset)
end
if ARGV[5] ~= '' then redis.call('HSET', k, 'limit', ARGV[5]) end
return 1`;

/** Runs scripts with a per-command timeout and a short fail-fast period after a failure. */
class Runner {
  #downUntil = 0;
  #lastError = '';
  constructor(
    readonly client: RedisScriptClient,
    readonly prefix: string,
    readonly timeout: number,
    readonly retryAfter: number,
  ) {}

  async run(script: string, key: string, args: (string | number)[]): Promise<unknown> {
    if (Date.now() < this.#downUntil) throw new Error(`Redis store unavailable (last error: ${this.#lastError})`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeout} ms`)), this.timeout);
    });
    try {
      const call = this.client.eval(script, { keys: [this.prefix + key], arguments: args.map(String) });
      return await Promise.race([call, timedOut]);
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#downUntil = Date.now() + this.retryAfter;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * The ETag cache, OAuth token and rate-limit stores on one Redis client.
 * @param client a connected node-redis v5 client (`createClient()`), or anything with its `eval`
 */
export function redisStores(client: RedisScriptClient, options: RedisStoresOptions = {}): RedisStores {
  const r = new Runner(client, options.prefix ?? 'sdkgen:', options.timeout ?? 1000, options.retryAfter ?? 2000);
  const cacheTtlMs = (options.cacheTtl ?? 86_400) * 1000;

  const cache: CacheStore = {
    async get(key: string): Promise<CacheRecord | undefined> {
      const value = parseJson(await r.run(GET, `cache:${key}`, []));
      return isCacheRecord(value) ? value : undefined;
    },
    async set(key: string, record: CacheRecord): Promise<void> {
      await r.run(SET_PX, `cache:${key}`, [JSON.stringify(record), cacheTtlMs]);
    },
    async delete(key: string): Promise<void> {
      await r.run(DEL, `cache:${key}`, []);
    },
  };

  const tokens: TokenStore = {
    async get(key: string): Promise<TokenRecord | undefined> {
      const value = parseJson(await r.run(GET, `token:${key}`, []));
      return isTokenRecord(value) ? value : undefined;
    },
    async set(key: string, record: TokenRecord): Promise<void> {
      let ttl = DAY_MS;
      if (record.refreshToken !== undefined) ttl = REFRESHABLE_TTL_MS;
      else if (record.expiresAt !== undefined) ttl = Math.max(1000, record.expiresAt - Date.now());
      await r.run(SET_PX, `token:${key}`, [JSON.stringify(record), Math.ceil(ttl)]);
    },
    async expire(key: string, accessToken: string): Promise<void> {
      await r.run(EXPIRE_TOKEN, `token:${key}`, [accessToken]);
    },
    async lock(key: string, ttlMs: number): Promise<string | undefined> {
      const owner = globalThis.crypto.randomUUID();
      return (await r.run(LOCK, `token-lock:${key}`, [owner, Math.max(1, Math.ceil(ttlMs))])) === 1 ? owner : undefined;
    },
    async unlock(key: string, owner: string): Promise<void> {
      await r.run(UNLOCK, `token-lock:${key}`, [owner]);
    },
  };

  const rateLimit: RateLimitStore = {
    async acquire(key: string, now: number, probeTtl: number): Promise<RateLimitDecision> {
      const answer = await r.run(ACQUIRE, `rate:${key}`, [Math.floor(now), Math.ceil(probeTtl), PROBE_POLL_MS, RATE_STATE_TTL_MS]);
      if (answer === 0) return 0;
      if (Array.isArray(answer) && typeof answer[0] === 'number') return { until: answer[0], reason: answer[1] === 1 ? 'window' : 'probe' };
      throw new Error('unexpected answer from the rate-limit script');
    },
    async update(key: string, now: number, outcome: RateLimitOutcome): Promise<void> {
      const window = typeof outcome === 'object' ? outcome : undefined;
      await r.run(UPDATE, `rate:${key}`, [
        Math.floor(now),
        typeof outcome === 'string' ? outcome : 'window',
        window?.remaining ?? '',
        window === undefined ? '' : Math.ceil(window.resetAt),
        window?.limit ?? '',
        UNLIMITED_MS,
        RATE_STATE_TTL_MS,
      ]);
    },
  };

  return { cache, tokens, rateLimit };
}
