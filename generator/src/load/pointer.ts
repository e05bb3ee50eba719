/** JSON pointer (RFC 6901) helpers over plain JSON values. @see https://www.rfc-editor.org/rfc/rfc6901 */
import { escapePointerToken } from '../diagnostics.js';

/** `#/paths/~1pets` -> `['paths', '/pets']`; `#` and `` -> `[]`. Percent-decodes URI fragments. */
export function parsePointer(ptr: string): string[] {
  let p = ptr.startsWith('#') ? ptr.slice(1) : ptr;
  if (p === '' || p === '/') return p === '/' ? [''] : [];
  if (!p.startsWith('/')) throw new Error(`Not a JSON pointer: ${ptr}`);
  try {
    p = decodeURIComponent(p);
  } catch {
    // A literal `%` that is not an escape: keep the text as written.
  }
  return p
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['paths', '/pets']` -> `#/paths/~1pets`. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.length === 0 ? '#' : `#/${tokens.map(escapePointerToken).join('/')}`;
}

/** Appends tokens to an already formatted pointer. */
export function childPointer(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((acc, t) => `${acc}/${escapePointerToken(t)}`, base === '#' ? '#' : base);
}

/** The value at `tokens` inside `root`, or `undefined` when any step is missing. */
export function getAt(root: unknown, tokens: readonly string[]): unknown {
  let node: unknown = root;
  for (const t of tokens) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(t)) return undefined;
      node = node[Number(t)];
    } else if (isObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, t)) return undefined;
      node = node[t];
    } else {
      return undefined;
    }
  }
  return node;
}

/** A plain (non-array) object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The longest prefix of `tokens` that exists in `root`. `aliases` gives the spellings a token may
 * have there, tried in order (by default just the token).
 */
export function existingTokens(root: unknown, tokens: readonly string[], aliases: (token: string) => readonly string[] = (t) => [t]): string[] {
  const out: string[] = [];
  let node = root;
  for (const token of tokens) {
    const hit = aliases(token).find((t) => getAt(node, [t]) !== undefined);
    if (hit === undefined) break;
    node = getAt(node, [hit]);
    out.push(hit);
  }
  return out;
}

/** `pointer` cut back to the nearest node that exists in `root`; `#` when it does not parse. */
export function existingPointer(root: unknown, pointer: string): string {
  try {
    return formatPointer(existingTokens(root, parsePointer(pointer)));
  } catch {
    return '#';
  }
}
