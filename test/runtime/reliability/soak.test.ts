/**
 * Soak: thousands of logical calls against the fault server with ~30 % of attempts faulted.
 * Ends with every call accounted for and the server's side-effect count equal to the number of
 * successful creating calls: retries neither duplicate nor lose work.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type Fault, type FaultServer } from '../../support/fault-server.js';
import { createOrder, getThing, TestClient } from '../../support/reliability-client.js';

const CALLS = 2_000;
const CONCURRENCY = 16;
const FAULT_RATE = 0.3;
/** Faults are injected only into a call's first attempts, so every call can still succeed. */
const FAULTED_ATTEMPTS = 3;
const TIMEOUT_MS = 100;

/** The injected fault menu, each with a label for the figures. */
const MENU: readonly { label: string; fault: Fault }[] = [
  { label: '503 retry-after-ms', fault: { kind: 'status', status: 503, headers: { 'retry-after-ms': '5' } } },
  { label: '429 Retry-After: 0', fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } },
  { label: '500 (backoff)', fault: { kind: 'status', status: 500 } },
  {
    label: '502 HTML',
    fault: { kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
  },
  { label: 'reset before processing', fault: { kind: 'reset-before' } },
  { label: 'reset after processing', fault: { kind: 'reset-after' } },
  { label: 'slow past timeout', fault: { kind: 'slow', delayMs: 250 } },
];

/** Deterministic per (call, attempt), whatever order concurrent requests arrive in. */
function uniform(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

describe.each(['undici', 'fetch'] as const)('soak (%s transport)', (transport) => {
  let server: FaultServer;
  let client: TestClient;
  const injected = new Map<string, number>();

  beforeAll(async () => {
    server = await startFaultServer((req) => {
      if (req.callId === undefined || req.attempt > FAULTED_ATTEMPTS) return undefined;
      if (uniform(`${req.callId}/${req.attempt}/fault`) >= FAULT_RATE) return undefined;
      const pick = MENU[Math.floor(uniform(`${req.callId}/${req.attempt}/kind`) * MENU.length)]!;
      injected.set(pick.label, (injected.get(pick.label) ?? 0) + 1);
      return pick.fault;
    });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it(`${CALLS} calls, ~30 % faults: all accounted for, side effects == successful creates`, async () => {
    let attempts = 0;
    client = new TestClient({
      baseUrl: server.url,
      transport,
      cache: false,
      maxRetries: 6,
      timeout: TIMEOUT_MS,
      onRequest: () => void attempts++,
    });
    // Real waits at a tenth of the requested delay: a retry right behind a slow, still-running
    // create must wait long enough to get the replay rather than only 409s.
    client.timeScale = 0.1;

    const started = performance.now();
    const outcomes: { kind: 'create' | 'read'; ok: boolean; id?: string; error?: string }[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < CALLS; i = next++) {
        const create = uniform(`call-${i}/method`) < 0.6;
        try {
          if (create) {
            const order = await client.request<{ id: string }>(createOrder, [], { n: i });
            outcomes.push({ kind: 'create', ok: true, id: order.id });
          } else {
            await client.request(getThing, [], { limit: i }, { headers: { 'x-call-id': `read-${i}` } });
            outcomes.push({ kind: 'read', ok: true });
          }
        } catch (error) {
          outcomes.push({ kind: create ? 'create' : 'read', ok: false, error: String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;

    const creates = outcomes.filter((o) => o.kind === 'create');
    const createdIds = creates.filter((o) => o.ok).map((o) => o.id);
    const failed = outcomes.filter((o) => !o.ok);
    const faults = [...injected.values()].reduce((a, b) => a + b, 0);
    const statuses409 = client.slept.length; // every retry waited once
    const figures = {
      transport,
      calls: outcomes.length,
      succeeded: outcomes.length - failed.length,
      failed: failed.length,
      creates: creates.length,
      reads: outcomes.length - creates.length,
      attempts,
      retries: attempts - CALLS,
      faultsInjected: faults,
      faultRatePerAttempt: Number((faults / attempts).toFixed(3)),
      faultsByKind: Object.fromEntries([...injected].sort()),
      serverRequests: server.requests.length,
      replays: server.replays(),
      sideEffects: server.sideEffects(),
      waits: statuses409,
      seconds: Number(seconds.toFixed(2)),
    };
    console.log(`soak figures ${JSON.stringify(figures, null, 2)}`);

    // Every call accounted for, none lost.
    expect(outcomes).toHaveLength(CALLS);
    expect(failed).toEqual([]);
    // The faults really happened (about 30 % of first attempts).
    expect(faults).toBeGreaterThan(CALLS * 0.2);
    for (const { label } of MENU) expect(injected.get(label) ?? 0).toBeGreaterThan(0);
    // No duplicates, nothing lost: one side effect per successful create, each with its own id.
    expect(server.sideEffects()).toBe(createdIds.length);
    expect(new Set(createdIds).size).toBe(createdIds.length);
    expect(server.ledgerKeys()).toHaveLength(createdIds.length);
    // Processed-then-dropped creates were answered from the ledger on retry.
    expect(server.replays()).toBeGreaterThan(0);
  });
});
