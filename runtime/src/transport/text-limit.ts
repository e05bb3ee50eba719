/**
 * The longest body a transport decodes into one string. V8 (Node, Chrome, Deno, Bun's JSC is
 * larger) cannot build a string longer than 2^29 - 24 UTF-16 units; a UTF-8 body longer than that
 * many bytes may not fit, and trying fails deep inside the decoder after the whole body was
 * downloaded. Transports stop at this size instead and throw {@link textTooLong}.
 */
export const MAX_TEXT_BYTES = 2 ** 29 - 24;

/** The error a transport's `text()` throws for a body over {@link MAX_TEXT_BYTES} (Node's own code). */
export function textTooLong(): RangeError {
  return Object.assign(new RangeError(`The response body is longer than ${MAX_TEXT_BYTES} bytes, the longest text a string can hold`), {
    code: 'ERR_STRING_TOO_LONG',
  });
}

/** Whether `error` says a body was too long for a string (ours, Node's, or V8's own RangeError). */
export function isTextTooLong(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as { code?: unknown }).code === 'ERR_STRING_TOO_LONG') return true;
  return error instanceof RangeError && /string length|string longer/i.test(error.message);
}
