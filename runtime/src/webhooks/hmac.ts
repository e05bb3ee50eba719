/**
 * HMAC-SHA256 on WebCrypto (`globalThis.crypto.subtle`): Node 20+, browsers, Deno, Bun and edge
 * runtimes all have it, so nothing here imports `node:crypto`. Imported keys are cached per secret
 * (an import costs about as much as the HMAC itself).
 */

/** Imported keys kept at most; a process verifies with a handful of secrets. */
const MAX_CACHED_KEYS = 64;
const keys = new Map<string, Promise<CryptoKey>>();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new Error('Webhook verification needs WebCrypto (globalThis.crypto.subtle), which this runtime lacks');
  return s;
}

function importKey(bytes: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The HMAC key for `secret`. `cacheKey` names the secret and how it became bytes (the secret itself
 * stays in memory either way, as the caller's options hold it); bytes given as such are not cached.
 */
export function hmacKey(bytes: Uint8Array, cacheKey: string | undefined): Promise<CryptoKey> {
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

export async function hmacSha256(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key, data as Uint8Array<ArrayBuffer>));
}
