/**
 * Reads at most `limit` bytes from a reader, then cancels the rest so a huge or endless body
 * can neither exhaust memory nor hold the call open.
 */
export async function readBounded(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  while (total < limit) {
    const r = await reader.read();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    total += r.value.byteLength;
  }
  if (!done) await reader.cancel().catch(() => undefined);
  return decodeChunks(chunks, limit);
}

/** Decodes UTF-8 chunks, keeping at most `limit` bytes. */
export function decodeChunks(chunks: readonly Uint8Array[], limit: number): string {
  const decoder = new TextDecoder();
  let out = '';
  let left = limit;
  for (const chunk of chunks) {
    if (left <= 0) break;
    const part = chunk.byteLength > left ? chunk.subarray(0, left) : chunk;
    out += decoder.decode(part, { stream: true });
    left -= part.byteLength;
  }
  return out + decoder.decode();
}
