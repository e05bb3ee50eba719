/**
 * The `User-Agent` an SDK sends by default: `<SDK name>/<API version> sdkgen/<runtime version>
 * node/<version>`, so API owners can tell SDK traffic (and which version) from other clients, as
 * the SDKs of Stripe, OpenAI and GitHub do. Only where a JavaScript runtime reports a Node-compatible
 * version (Node, Bun, Deno): a browser ignores or refuses the header, and a header that is not
 * CORS-safelisted would cost a preflight request per call.
 */

/** This runtime's version; a test keeps it equal to `runtime/package.json`'s. */
export const RUNTIME_VERSION = '0.1.0';

/** Characters a `User-Agent` product token may hold (RFC 9110 `token`); anything else becomes `-`. */
const NOT_TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g;

function token(text: string): string {
  return text.replace(NOT_TOKEN, '-').slice(0, 64) || '-';
}

/** The default `User-Agent`, or `undefined` outside server runtimes. */
export function defaultUserAgent(sdkName: string | undefined, sdkVersion: string | undefined): string | undefined {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  if (typeof node !== 'string') return undefined;
  const sdk = sdkName === undefined ? '' : `${token(sdkName)}${sdkVersion === undefined ? '' : `/${token(sdkVersion)}`} `;
  return `${sdk}sdkgen/${RUNTIME_VERSION} node/${token(node)}`;
}
