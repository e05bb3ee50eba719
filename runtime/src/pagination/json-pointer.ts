/**
 * Reads a value at an RFC 6901 JSON pointer (`/data`, `/meta/next_cursor`, `/a~1b`); `''` is the
 * whole value. Pointers here come from the generator, which writes them without the leading `#`.
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return value;
  const tokens = (pointer.startsWith('#') ? pointer.slice(1) : pointer).split('/').slice(1);
  let current: unknown = value;
  for (const raw of tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else {
      if (!Object.hasOwn(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    }
  }
  return current;
}
