/**
 * Soak: thousands of logical calls against the fault server with ~30 % of attempts faulted.
 * Ends with every call accounted for and the server's side-effect count equal to the number of
 * successful creating calls: retries neither duplicate nor lose work.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type Fault, type FaultServer } from '../../support/fault-server.js';
import { createOrder, getThing, TestClient } from '../../support/reliability-client.js';

/** Logical calls per transport: undici is the Node default; fetch is slower, so half as many. */
const CALLS_BY_TRANSPORT = { undici: 2_000, fetch: 1_000 } as const;
const CONCURRENCY = 16;
const FAULT_RATE = 0.3;
/** Faults are injected only into a call's first attempts, so every call can still succeed. */
const FAULTED_ATTEMPTS = 3;
/**
 * Generous against normal latency (the test machine may be heavily loaded), just below the slow
 * fault's hold, so a slow fault times out and its retry meets the still-running create (409).
 */
const TIMEOUT_MS = 1_000;
const SLOW_MS = 1_150;

/** The injected fault menu, with weights (slow faults cost a second of wall time each, so fewer). */
const MENU: readonly { label: string; weight: number; fault: Fault }[] = [
  { label: '503 retry-after-ms', weight: 2, fault: { kind: 'status', status: 503, headers: { 'retry-after-ms': '5' } } },
  { label: '429 Retry-After: 0', weight: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } },
  { label: '500 (backoff)', weight: 2, fault: { kind: 'status', status: 500 } },
  {
    label: '502 HTML',
    weight: 2,
    fault: { kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
  },
  { label: 'reset before processing', weight: 2, fault: { kind: 'reset-before' } },
  { label: 'reset after processing', weight: 2, fault: { kind: 'reset-after' } },
  { label: 'slow past timeout', weight: 1, fault: { kind: 'slow', delayMs: SLOW_MS } },
];
const TOTAL_WEIGHT = MENU.reduce((sum, m) => sum + m.weight, 0);

function pickFault(u: number): (typeof MENU)[number] {
  let left = u * TOTAL_WEIGHT;
  for (const entry of MENU) {
    left -= entry.weight;
    if (left < 0) return entry;
  }
  return MENU[MENU.length - 1]!;
}

/** Deterministic per (call, attempt), whatever order concurrent requests arrive in. */
function uniform(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

describe.each(['undici', 'fetch'] as const)('soak (%s transport)', (transport) => {
  const CALLS = CALLS_BY_TRANSPORT[transport];
  let server: FaultServer;
  let client: TestClient;
  const injected = new Map<string, number>();

  beforeAll(async () => {
    server = await startFaultServer((req) => {
      if (req.callId === undefined || req.attempt > FAULTED_ATTEMPTS) return undefined;
      if (uniform(`${req.callId}/${req.attempt}/fault`) >= FAULT_RATE) return undefined;
      const pick = pickFault(uniform(`${req.callId}/${req.attempt}/kind`));
      injected.set(pick.label, (injected.get(pick.label) ?? 0) + 1);
      return pick.fault;
    });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it(
    `${CALLS} calls, ~30 % faults: all accounted for, side effects == successful creates`,
    async () => {
      let attempts = 0;
      client = new TestClient({
        baseUrl: server.url,
        transport,
        cache: false,
        maxRetries: 8,
        timeout: TIMEOUT_MS,
        onRequest: () => void attempts++,
      });
      // Real waits at a tenth of the requested delay: a retry right behind a slow, still-running
      // create must wait long enough to get the replay rather than only 409s.
      client.timeScale = 0.1;

      const started = performance.now();
      const outcomes: { call: string; kind: 'create' | 'read'; ok: boolean; id?: string; error?: string }[] = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < CALLS; i = next++) {
          const kind = uniform(`call-${i}/method`) < 0.6 ? 'create' : 'read';
          const call = `${kind}-${i}`;
          // x-call-id lets the test map server-side requests back to logical calls.
          const options = { headers: { 'x-call-id': call } };
          try {
            if (kind === 'create') {
              const order = await client.request<{ id: string }>(createOrder, [], { n: i }, options);
              outcomes.push({ call, kind, ok: true, id: order.id });
            } else {
              await client.request(getThing, [], { limit: i }, options);
              outcomes.push({ call, kind, ok: true });
            }
          } catch (error) {
            outcomes.push({ call, kind, ok: false, error: String(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - started) / 1000;

      // Idempotency keys each logical call sent, from the server's view.
      const keysByCall = new Map<string, Set<string>>();
      for (const r of server.requests) {
        const call = r.headers['x-call-id'];
        const key = r.headers['idempotency-key'];
        if (typeof call !== 'string' || typeof key !== 'string') continue;
        let keys = keysByCall.get(call);
        if (keys === undefined) keysByCall.set(call, (keys = new Set()));
        keys.add(key);
      }
      const ledger = new Set(server.ledgerKeys());
      const creates = outcomes.filter((o) => o.kind === 'create');
      const createdIds = creates.filter((o) => o.ok).map((o) => o.id);
      const failed = outcomes.filter((o) => !o.ok);
      // A create that failed for good may still have been performed (e.g. processed, then the
      // connection dropped on the last attempt); the ledger says which.
      const failedButPerformed = failed.filter(
        (o) => o.kind === 'create' && [...(keysByCall.get(o.call) ?? [])].some((k) => ledger.has(k)),
      );
      const faults = [...injected.values()].reduce((a, b) => a + b, 0);
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
        apiAnswersByStatus: server.answeredByStatus(),
        sideEffects: server.sideEffects(),
        successfulCreates: createdIds.length,
        failedButPerformed: failedButPerformed.length,
        seconds: Number(seconds.toFixed(2)),
      };
      console.log(`soak figures ${JSON.stringify(figures, null, 2)}`);

      // Every call accounted for.
      expect(outcomes).toHaveLength(CALLS);
      expect(new Set(outcomes.map((o) => o.call)).size).toBe(CALLS);
      // Every create used one key across all its attempts.
      for (const o of creates) expect(keysByCall.get(o.call)?.size).toBe(1);
      // The faults really happened (about 30 % of early attempts), every kind of them.
      expect(faults).toBeGreaterThan(CALLS * 0.2);
      for (const { label } of MENU) expect(injected.get(label) ?? 0).toBeGreaterThan(0);
      // No duplicates, nothing lost: one side effect per performed create, each its own order.
      expect(server.sideEffects()).toBe(createdIds.length + failedButPerformed.length);
      expect(new Set(createdIds).size).toBe(createdIds.length);
      expect(server.ledgerKeys()).toHaveLength(server.sideEffects());
      // Processed-then-dropped creates were answered from the ledger on retry.
      expect(server.replays()).toBeGreaterThan(0);
      // Faults stop after the third attempt and 8 retries are allowed, so every call should get
      // through; a handful of losses is tolerated only for a machine stalled for seconds.
      expect(failed.length, JSON.stringify(failed.slice(0, 5))).toBeLessThanOrEqual(CALLS * 0.002);
    },
    240_000,
  );
});
