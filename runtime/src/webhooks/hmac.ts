/**
 * HMAC-SHA256 on WebCrypto (`globalThis.crypto.subtle`): Node 20+, browsers, Deno, Bun and edge
 * runtimes all have it, so nothing here imports `node:crypto`. Imported keys are cached per secret
 * (an import costs about as much as the HMAC itself).
 */

/** Imported keys kept at most; a process verifies with a handful of secrets. */
const MAX_CACHED_KEYS = 64;
const keys = new Map<string, Promise<HmacKey>>();

/**
 * An imported HMAC key (a WebCrypto `CryptoKey`), opaque in declarations: `CryptoKey` is a DOM
 * type that a Node project compiled without the DOM lib does not have.
 */
export interface HmacKey {
  readonly type: string;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new Error('Webhook verification needs WebCrypto (globalThis.crypto.subtle), which this runtime lacks');
  return s;
}

function importKey(bytes: Uint8Array): Promise<HmacKey> {
  return subtle().importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The HMAC key for `secret`. `cacheKey` names the secret and how it became bytes (the secret itself
 * stays in memory either way, as the caller's options hold it); bytes given as such are not cached.
 */
export function hmacKey(bytes: Uint8Array, cacheKey: string | undefined): Promise<HmacKey> {
  if (cacheKey === undefined) return importKey(bytes);
  let key = keys.get(cacheKey);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = importKey(bytes);
    keys.set(cacheKey, key);
    // A failed import is not remembered.
    key.catch(() => keys.delete(cacheKey));
  }
  return key;
}

export async function hmacSha256(key: HmacKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key as CryptoKey, data as Uint8Array<ArrayBuffer>));
}
