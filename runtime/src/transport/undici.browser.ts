/**
 * What browser bundles get instead of `undici.ts` (the package's `browser` field swaps the file):
 * undici needs Node's `net`, `tls` and streams, which a browser does not have, and a bundler that
 * followed `import('undici')` would fail or ship hundreds of kilobytes of dead code. In a browser,
 * `transport: 'auto'` (the default) and `'fetch'` use `globalThis.fetch`; only an explicit
 * `'undici'` reaches this class, and it says what to do instead.
 */
import type { Transport, TransportRequest, TransportResponse } from './types.js';

export class UndiciTransport implements Transport {
  /** False in this build: `auto` uses fetch even where `process` exists (e.g. a jsdom test run). */
  static readonly available: boolean = false;

  /** Accepts (and ignores) the pool options of the Node build, so code that passes them still compiles. */
  constructor(_poolOptions?: unknown) {}

  request(_req: TransportRequest): Promise<TransportResponse> {
    return Promise.reject(new Error("The 'undici' transport needs Node.js; in a browser use transport: 'fetch' or 'auto'"));
  }

  async close(): Promise<void> {}
}
