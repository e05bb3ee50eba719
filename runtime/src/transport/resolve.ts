import type { ClientOptions } from '../options.js';
import { AutoTransport } from './auto.js';
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
