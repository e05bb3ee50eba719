import { describe, expect, it } from 'vitest';
import type { SecuritySchemeSpec } from '@sdkgen/runtime';
import { applyAuth } from '../../../runtime/src/auth.js';

const schemes: Record<string, SecuritySchemeSpec> = { oauth: { type: 'bearer', option: 'accessToken' } };

describe('applyAuth with a managed token (a function with peek)', () => {
  it('a fresh cached token is applied synchronously: no promise, no call of the function', () => {
    let called = 0;
    const credential = Object.assign(async () => (called++, 'fetched'), { peek: () => 'cached' });
    const target = { headers: {} as Record<string, string>, query: [], cookies: [], credentials: undefined };
    const result = applyAuth(target, [['oauth']], schemes, { accessToken: credential });
    expect(result).toBeUndefined();
    expect(target.headers).toEqual({ authorization: 'Bearer cached' });
    expect(called).toBe(0);
  });

  it('without a fresh token the function is awaited', async () => {
    const credential = Object.assign(async () => 'fetched', { peek: () => undefined });
    const target = { headers: {} as Record<string, string>, query: [], cookies: [], credentials: undefined };
    const result = applyAuth(target, [['oauth']], schemes, { accessToken: credential });
    expect(result).toBeInstanceOf(Promise);
    await result;
    expect(target.headers).toEqual({ authorization: 'Bearer fetched' });
  });
});
