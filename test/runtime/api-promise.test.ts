import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APIPromise, NotFoundError, makeApiError } from '@sdkgen/runtime';
import type { ResponseInfo, WithResponse } from '@sdkgen/runtime';

const response: ResponseInfo = { status: 200, headers: new Headers({ etag: '"v1"' }), url: 'http://h.test/x' };

function ok<T>(data: T): APIPromise<T> {
  return new APIPromise<T>(Promise.resolve<WithResponse<T>>({ data, response }));
}
function failing(): APIPromise<never> {
  const error = makeApiError({ status: 404, headers: new Headers(), body: undefined, rawBody: '', method: 'GET', url: 'http://h.test/x' });
  return new APIPromise<never>(Promise.reject(error));
}

describe('APIPromise', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => void process.off('unhandledRejection', onUnhandled));

  /** Lets pending rejections be reported. */
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

  it('awaits to the data', async () => {
    expect(await ok({ id: 1 })).toEqual({ id: 1 });
  });

  it('then/catch/finally return plain promises', async () => {
    const p = ok(1);
    const chained = p.then((v) => v + 1);
    expect(chained).not.toBeInstanceOf(APIPromise);
    expect(chained).toBeInstanceOf(Promise);
    expect(await chained).toBe(2);
    expect(await p.finally(() => undefined)).toBe(1);
    expect(p).toBeInstanceOf(Promise);
  });

  it('withResponse gives data and response', async () => {
    const { data, response: r } = await ok('x').withResponse();
    expect(data).toBe('x');
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('"v1"');
  });

  it('Promise.all and Promise.resolve accept it', async () => {
    expect(await Promise.all([ok(1), ok(2)])).toEqual([1, 2]);
    expect(await Promise.resolve(ok(3))).toBe(3);
  });

  it('a rejection caught by await is not reported as unhandled', async () => {
    await expect(failing()).rejects.toBeInstanceOf(NotFoundError);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('a rejection caught through withResponse is not reported as unhandled', async () => {
    await expect(failing().withResponse()).rejects.toBeInstanceOf(NotFoundError);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('an ignored rejection is reported exactly once', async () => {
    void failing();
    await settle();
    expect(unhandled).toHaveLength(1);
    expect(unhandled[0]).toBeInstanceOf(NotFoundError);
  });
});
