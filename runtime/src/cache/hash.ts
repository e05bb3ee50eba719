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

/**
 * Hashes `parts` as one sequence. Each part is preceded by its length in UTF-16 code units (4 bytes),
 * so `['ab', 'c']` and `['a', 'bc']` hash differently; UTF-8 being self-delimiting, the lengths make
 * the byte stream unambiguous. A single string with `lengthPrefix` false hashes exactly as the
 * published FNV-1a 64 test vectors of its UTF-8 bytes.
 * @returns 16 lower-case hex digits.
 */
export function fnv1a64(parts: string | readonly string[], lengthPrefix = typeof parts !== 'string'): string {
  const state = new Fnv1a64();
  for (const part of typeof parts === 'string' ? [parts] : parts) {
    if (lengthPrefix) {
      const n = part.length;
      state.byte(n & 0xff);
      state.byte((n >>> 8) & 0xff);
      state.byte((n >>> 16) & 0xff);
      state.byte((n >>> 24) & 0xff);
    }
    state.utf8(part);
  }
  return state.hex();
}

/**
 * The 64-bit state in four 16-bit limbs (low first): every product stays far below 2^53 in plain
 * numbers, several times faster than BigInt. Strings are fed as UTF-8 without allocating.
 */
class Fnv1a64 {
  h0 = 0x2325;
  h1 = 0x8422;
  h2 = 0x9ce4;
  h3 = 0xcbf2;

  byte(b: number): void {
    const h0 = this.h0 ^ b;
    // Multiply by the FNV prime 2^40 + 0x1b3: 0x1b3 on every limb, plus 0x100 two limbs up.
    const t0 = h0 * 0x1b3;
    let t1 = this.h1 * 0x1b3;
    let t2 = this.h2 * 0x1b3 + h0 * 0x100;
    let t3 = this.h3 * 0x1b3 + this.h1 * 0x100;
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  utf8(s: string): void {
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        this.byte(c);
        continue;
      }
      if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
      } else {
        const next = s.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          this.byte(0xf0 | (c >> 18));
          this.byte(0x80 | ((c >> 12) & 0x3f));
        } else {
          // A lone surrogate becomes U+FFFD, as TextEncoder does.
          if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
          this.byte(0xe0 | (c >> 12));
        }
        this.byte(0x80 | ((c >> 6) & 0x3f));
      }
      this.byte(0x80 | (c & 0x3f));
    }
  }

  hex(): string {
    return hex16(this.h3) + hex16(this.h2) + hex16(this.h1) + hex16(this.h0);
  }
}

function hex16(limb: number): string {
  return limb.toString(16).padStart(4, '0');
}
