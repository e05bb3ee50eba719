/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of one or more strings. Used for the cache's partition keys
 * (credentials, `Vary` values), which must be computed synchronously on every request and must
 * never contain the raw value.
 *
 * Why not a cryptographic hash: Web Crypto's `digest` is async only, and `node:crypto` does not
 * exist in browsers. The hash only separates cache partitions; 64 bits make an accidental
 * collision between two live credentials vanishingly unlikely (about 2^-64 per pair), and every
 * cached answer is still confirmed by the server (`If-None-Match` is always sent). It is not a
 * secret-keeping device: a low-entropy password can be recovered from its FNV hash by guessing,
 * so a shared store whose keys untrusted parties can read should HMAC the keys it is given
 * (see docs/cache.md).
 *
 * @see http://www.isthe.com/chongo/tech/comp/fnv/ (FNV-1a, offset basis and prime)
 */

const encoder = new TextEncoder();

/**
 * Hashes `parts` as one sequence. Each part is preceded by its byte length, so
 * `['ab', 'c']` and `['a', 'bc']` hash differently. A single part hashes exactly as the
 * published FNV-1a 64 test vectors of its bytes when `lengthPrefix` is false.
 * @returns 16 lower-case hex digits.
 */
export function fnv1a64(parts: string | readonly string[], lengthPrefix = typeof parts !== 'string'): string {
  // 64-bit state in four 16-bit limbs (low first): products stay far below 2^53 in plain numbers,
  // which is several times faster than BigInt.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const feed = (byte: number): void => {
    h0 ^= byte;
    // Multiply by the FNV prime 2^40 + 0x1b3: 0x1b3 on every limb, plus 0x100 shifted two limbs up.
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + h0 * 0x100;
    let t3 = h3 * 0x1b3 + h1 * 0x100;
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    t3 += t2 >>> 16;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (const part of typeof parts === 'string' ? [parts] : parts) {
    const bytes = encoder.encode(part);
    if (lengthPrefix) {
      const n = bytes.length;
      feed(n & 0xff);
      feed((n >>> 8) & 0xff);
      feed((n >>> 16) & 0xff);
      feed((n >>> 24) & 0xff);
    }
    for (const byte of bytes) feed(byte);
  }
  return hex16(h3) + hex16(h2) + hex16(h1) + hex16(h0);
}

function hex16(limb: number): string {
  return limb.toString(16).padStart(4, '0');
}
