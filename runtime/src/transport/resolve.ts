import type { ClientOptions } from '../options.js';
import { AutoTransport, isNode } from './auto.js';
import { FetchTransport } from './fetch.js';
import type { Transport } from './types.js';
import { UndiciTransport } from './undici.js';

/** Turns the `transport` client option into a transport. @default 'auto' */
export function resolveTransport(option: ClientOptions['transport']): Transport {
  if (option === undefined || option === 'auto') return new AutoTransport();
  if (option === 'undici') return new UndiciTransport();
  if (option === 'fetch') return new FetchTransport();
  return option;
}

/**
 * Whether requests through this transport option go (or may go) through undici, which asks for
 * compression: the client then sends `Accept-Encoding: gzip, deflate, br` among its default headers,
 * once, rather than the transport adding it to every request's headers (a copy per request).
 */
export function usesUndici(option: ClientOptions['transport']): boolean {
  if (option === undefined || option === 'auto') return isNode() && UndiciTransport.available;
  return option === 'undici' || (typeof option === 'object' && option instanceof UndiciTransport);
}
