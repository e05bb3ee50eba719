/**
 * A BaseClient on a controllable clock, plus the operations the fault server implements. Only the
 * clock is replaced (the protected `clock` field); requests go through the real pipeline and a real
 * transport to a real server.
 */
import { BaseClient, type ClientConfig, type ClientOptions, type OperationDescriptor, type RetryClock } from '@sdkgen/runtime';
import { sleep as realSleep } from '../../runtime/src/retry/retry.js';

/** Fixed "now" of the fake clock: 2026-11-21T12:00:00Z. */
export const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

export class TestClient extends BaseClient {
  /** Every wait the retry loop asked for, in ms. */
  readonly slept: number[] = [];
  /** Real time actually waited per requested ms (0: waits are skipped). */
  timeScale = 0;
  protected override clock: RetryClock = {
    now: () => NOW,
    random: () => 0,
    sleep: (ms, signal) => {
      this.slept.push(ms);
      return realSleep(ms * this.timeScale, signal);
    },
  };

  constructor(options: ClientOptions, config: ClientConfig = { idempotencyHeader: 'Idempotency-Key' }) {
    super(options, config);
  }
}

export const createOrder: OperationDescriptor = {
  id: 'createOrder',
  method: 'POST',
  path: '/orders',
  body: { mediaType: 'application/json', encoding: 'json' },
  response: 'json',
};

export const getOrder: OperationDescriptor = {
  id: 'getOrder',
  method: 'GET',
  path: '/orders/{orderId}',
  pathParams: [{ name: 'orderId' }],
  response: 'json',
};

export const getThing: OperationDescriptor = {
  id: 'getThing',
  method: 'GET',
  path: '/things',
  query: [{ name: 'api_key' }, { name: 'limit' }],
  response: 'json',
};

export const patchThing: OperationDescriptor = {
  id: 'patchThing',
  method: 'PATCH',
  path: '/things',
  body: { mediaType: 'application/json', encoding: 'json' },
  response: 'json',
};

export const postThing: OperationDescriptor = {
  id: 'postThing',
  method: 'POST',
  path: '/things',
  body: { mediaType: 'application/json', encoding: 'json' },
  response: 'json',
};
