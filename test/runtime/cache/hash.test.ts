import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../../runtime/src/cache/hash.js';

/** Reference implementation with BigInt, to check the 16-bit-limb arithmetic. */
function reference(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  // Published FNV-1a 64 test vectors (isthe.com/chongo/src/fnv/test_fnv.c).
  const table: { given: string; want: string }[] = [
    { given: '', want: 'cbf29ce484222325' },
    { given: 'a', want: 'af63dc4c8601ec8c' },
    { given: 'foobar', want: '85944171f73967e8' },
  ];
  it.each(table)('hashes $given as the published vector', ({ given, want }) => {
    expect(fnv1a64(given)).toBe(want);
  });

  it.each(['Bearer sk_live_0123456789abcdef', 'ünïcødé ✓ 🐕', 'x'.repeat(1000), 'lone \ud800 surrogate', '\udc00\ud83d'])(
    'agrees with a BigInt reference on %s',
    (given) => {
      expect(fnv1a64(given)).toBe(reference(new TextEncoder().encode(given)));
    },
  );

  it('length-prefixes the parts of a list, so the split point matters', () => {
    expect(fnv1a64(['ab', 'c'])).not.toBe(fnv1a64(['a', 'bc']));
    expect(fnv1a64(['abc'])).not.toBe(fnv1a64('abc'));
  });

  it('never contains the input', () => {
    const secret = 'sk_live_abcdef';
    const hash = fnv1a64([secret]);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hash).not.toContain(secret);
  });
});
