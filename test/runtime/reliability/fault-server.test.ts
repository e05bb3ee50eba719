import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../../support/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, key: string, body: object) =>
  fetch(`${url}/orders`, { method: 'POST', headers: { 'idempotency-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fault server (test support)', () => {
  it('dedupes by Idempotency-Key: a repeat is replayed, not performed again', async () => {
    server = await startFaultServer();
    const first = await post(server.url, 'k1', { item: 'a' });
    const again = await post(server.url, 'k1', { item: 'a' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(server.sideEffects()).toBe(1);
    expect(server.replays()).toBe(1);
    const misuse = await post(server.url, 'k1', { item: 'b' });
    expect(misuse.status).toBe(422);
  });

  it('reset-after performs the side effect and drops the connection; reset-before does not', async () => {
    server = await startFaultServer();
    server.enqueue({ kind: 'reset-after' }, { kind: 'reset-before' });
    await expect(post(server.url, 'k2', { item: 'a' })).rejects.toThrow();
    await expect(post(server.url, 'k3', { item: 'a' })).rejects.toThrow();
    expect(server.sideEffects()).toBe(1);
    expect(server.ledgerKeys()).toEqual(['k2']);
    expect(server.injected).toMatchObject({ 'reset-after': 1, 'reset-before': 1 });
  });

  it('slow holds the key: a concurrent repeat gets 409', async () => {
    server = await startFaultServer();
    server.enqueue({ kind: 'slow', delayMs: 2_000 });
    const slow = post(server.url, 'k4', { item: 'a' });
    // Wait until the server has seen the slow request (bounded).
    for (let i = 0; i < 1_000 && server.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const concurrent = await post(server.url, 'k4', { item: 'a' });
    expect(concurrent.status).toBe(409);
    expect((await slow).status).toBe(201);
    expect(server.sideEffects()).toBe(1);
    expect(server.requests.map((r) => r.attempt)).toEqual([1, 2]);
  });
});
