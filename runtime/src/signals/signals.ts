/**
 * Server signals inside the request pipeline: each attempt's transport is wrapped so every
 * response (2xx, error, 304) is seen once: its rate-limit fields feed the pacer, its `Deprecation`
 * and `Sunset` fields (or the spec's `deprecated`) warn once per operation. Built only when the
 * client paces or has someone to warn (a logger, `onDeprecation`): otherwise calls skip it.
 */
import { logWarn, type Logger } from '../logger.js';
import type { ClientConfig } from '../options.js';
import type { OperationDescriptor } from '../operation.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { RetryClock } from '../retry/send-with-retries.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport/types.js';
import { deprecationOf, type DeprecationInfo, type OnDeprecation } from './deprecation.js';
import { Pacer } from './pacer.js';
import { parseRateLimit } from './rate-limit.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface SignalsInit {
  readonly pace: boolean;
  readonly rateLimitStore?: RateLimitStore | undefined;
  readonly logger?: Logger | undefined;
  readonly onDeprecation?: OnDeprecation | undefined;
  readonly clock: () => RetryClock;
  readonly config: ClientConfig;
  readonly timeout: number;
}

export class Signals {
  readonly #pacer: Pacer | undefined;
  readonly #logger: Logger | undefined;
  readonly #onDeprecation: OnDeprecation | undefined;
  readonly #clock: () => RetryClock;
  /** Operations already warned about. */
  readonly #warned = new Set<string>();

  /** `undefined` when there is nothing to do: no pacing and nobody to warn. */
  static create(init: SignalsInit): Signals | undefined {
    if (!init.pace && init.logger === undefined && init.onDeprecation === undefined) return undefined;
    return new Signals(init);
  }

  private constructor(init: SignalsInit) {
    this.#pacer = init.pace ? new Pacer({ store: init.rateLimitStore, logger: init.logger, clock: init.clock, config: init.config, timeout: init.timeout }) : undefined;
    this.#logger = init.logger;
    this.#onDeprecation = init.onDeprecation;
    this.#clock = init.clock;
  }

  /**
   * One attempt: waits for the rate-limit budget when pacing, then runs `send` with a transport that
   * reports every response it hands out.
   */
  async attempt<T>(
    req: PreparedRequest,
    transport: Transport,
    maxRetryAfter: number,
    signal: AbortSignal | undefined,
    send: (transport: Transport) => Promise<T>,
  ): Promise<T> {
    const pacer = this.#pacer;
    const key = pacer?.key(req);
    if (pacer !== undefined && key !== undefined) await pacer.acquire(key, req, maxRetryAfter, signal);
    const observed = new ObservedTransport(this, transport, req.op, key);
    try {
      return await send(observed);
    } finally {
      if (!observed.answered) {
        if (key !== undefined) await pacer!.update(key, 'no-response');
        if (req.op.deprecated === true) this.warn(req.op, undefined, req.url);
      }
    }
  }

  /** A response arrived: feed the pacer, warn about deprecation once per operation. */
  async observe(op: OperationDescriptor, res: TransportResponse, key: string | undefined): Promise<void> {
    const headers = { get: (name: string) => res.header(name) };
    if (key !== undefined) await this.#pacer!.update(key, parseRateLimit(headers, this.#clock().now()));
    if (!this.#warned.has(op.id)) {
      const said = deprecationOf(headers, res.url, this.#clock().now());
      if (said !== undefined || op.deprecated === true) this.warn(op, said, res.url);
    }
  }

  /** One warning per operation, through the logger and `onDeprecation`. */
  warn(op: OperationDescriptor, said: ReturnType<typeof deprecationOf>, url: string): void {
    if (this.#warned.has(op.id)) return;
    this.#warned.add(op.id);
    const info: DeprecationInfo = {
      operation: op.id,
      deprecation: said?.deprecation ?? true,
      sunset: said?.sunset,
      link: said?.link,
      source: said === undefined ? 'spec' : 'server',
    };
    const when = info.deprecation === true ? 'is deprecated' : `is deprecated as of ${info.deprecation.toISOString()}`;
    const sunset = info.sunset === undefined ? '' : `; it stops working on ${info.sunset.toISOString()}`;
    const path = url.split('?')[0]!;
    logWarn(this.#logger, `sdkgen operation ${op.id} (${op.method} ${path}) ${when}${sunset}${info.link === undefined ? '' : ` (see ${info.link})`}`, {
      ...info,
      deprecation: info.deprecation === true ? true : info.deprecation.toISOString(),
      sunset: info.sunset?.toISOString(),
    });
    try {
      this.#onDeprecation?.(info);
    } catch {
      // A throwing hook must not fail the call that merely carried the news.
    }
  }
}

/** The transport an attempt sees when signals are on: reports each response before handing it out. */
class ObservedTransport implements Transport {
  answered = false;
  readonly #signals: Signals;
  readonly #transport: Transport;
  readonly #op: OperationDescriptor;
  readonly #key: string | undefined;

  constructor(signals: Signals, transport: Transport, op: OperationDescriptor, key: string | undefined) {
    this.#signals = signals;
    this.#transport = transport;
    this.#op = op;
    this.#key = key;
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const res = await this.#transport.request(req);
    this.answered = true;
    await this.#signals.observe(this.#op, res, this.#key);
    return res;
  }
}
