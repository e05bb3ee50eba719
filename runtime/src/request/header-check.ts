/**
 * Header names and values a request may carry. A CR, LF or NUL in a value (or a name that is not an
 * HTTP token) is a mistake in the calling code or its data, and a header-injection risk: it fails
 * the call at once with `InvalidRequestError`, on every transport alike, instead of surfacing as a
 * connection error that the retry loop would repeat. Values must also be byte strings (code points
 * up to U+00FF), which is what `fetch` accepts.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.1 (field names are tokens)
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.5 (field values: no CR, LF or NUL)
 */
import { InvalidRequestError } from '../errors.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\0\r\n\u0100-\uffff]/;

/** Throws `InvalidRequestError` naming the first bad header (never quoting a value: it may be a credential). */
export function checkHeaders(headers: Readonly<Record<string, string>>): void {
  for (const name in headers) {
    const value = headers[name]!;
    if (!TOKEN.test(name)) {
      throw new InvalidRequestError(`Invalid header name ${JSON.stringify(name.slice(0, 100))}: header names are HTTP tokens (letters, digits and !#$%&'*+.^_\`|~-)`);
    }
    if (typeof value !== 'string') {
      throw new InvalidRequestError(`Invalid value for header ${JSON.stringify(name)}: expected a string, got ${value === null ? 'null' : typeof value}`);
    }
    const bad = BAD_VALUE.exec(value);
    if (bad !== null) {
      const what = bad[0] === '\r' ? 'a carriage return (CR)' : bad[0] === '\n' ? 'a line feed (LF)' : bad[0] === '\0' ? 'a NUL character' : `the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (header values are byte strings)`;
      // The value is not quoted: it may be a credential.
      throw new InvalidRequestError(`Invalid value for header ${JSON.stringify(name)}: it contains ${what}`);
    }
  }
}
