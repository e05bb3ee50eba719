/**
 * Bytes, text, hex and base64 with only what every JavaScript runtime has (`TextEncoder`, `btoa`,
 * `atob`): no `Buffer`, so webhooks verify in browsers and edge runtimes too.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A webhook body as frameworks hand it over. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** The body's bytes, without copying when it already is bytes. */
export function bodyBytes(body: WebhookBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('A webhook body must be a string, a Uint8Array, an ArrayBuffer or an ArrayBufferView');
}

/** The body's text (UTF-8). */
export function bodyText(body: WebhookBody): string {
  return typeof body === 'string' ? body : decoder.decode(bodyBytes(body));
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `prefix` (UTF-8) followed by `bytes`, as one array: the content an HMAC signs. */
export function concatBytes(prefix: string, bytes: Uint8Array): Uint8Array {
  if (prefix === '') return bytes;
  const head = encoder.encode(prefix);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head, 0);
  out.set(bytes, head.length);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** Standard base64 (padding optional) to bytes; `undefined` when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Compares two strings in time that depends only on their lengths (which are not secret: every
 * signature of a scheme has the same length), never on where they first differ.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
