/**
 * A real HTTP server on 127.0.0.1 (port 0) that behaves like a small orders API and injects
 * programmable faults per request: error statuses with headers, slow responses, connections
 * destroyed before the request is read or after it was processed, truncated and enormous bodies.
 *
 * Its ledger counts side effects the way a real API with idempotency keys would: a POST with a key
 * it has already completed is replayed (same status and body, no new side effect); one still in
 * progress gets 409; a key reused with a different body gets 422.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request. */
export type Fault =
  /** Answer normally. */
  | { readonly kind: 'none' }
  /** Answer with this status (the request is not processed). `bodyBytes` streams that many filler bytes. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
      readonly bodyBytes?: number;
    }
  /** Destroy the connection before reading the request body: nothing is processed. */
  | { readonly kind: 'reset-before' }
  /** Read and process the request (side effect happens), then destroy the connection unanswered. */
  | { readonly kind: 'reset-after' }
  /** Hold the request for `delayMs` before processing and answering it (past the client's timeout). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Send headers promising `declared` bytes, send `body`, then destroy the connection. */
  | { readonly kind: 'truncate'; readonly status: number; readonly contentType: string; readonly body: string; readonly declared: number };

export type FaultKind = Fault['kind'];

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Idempotency key, else the `x-call-id` test header: identifies one logical call. */
  readonly callId: string | undefined;
  /** 1-based count of requests seen so far with this `callId` (1 when there is none). */
  readonly attempt: number;
}

/** Chooses the fault for a request; return `undefined` for none. */
export type FaultPlan = (request: SeenRequest) => Fault | undefined;

interface LedgerEntry {
  state: 'processing' | 'done';
  bodyHash: string;
  status: number;
  body: string;
}

export interface FaultServer {
  readonly url: string;
  /** Faults served first-come to the next requests, before `plan` is asked. */
  enqueue(...faults: Fault[]): void;
  /** Replaces the fault plan. */
  setPlan(plan: FaultPlan): void;
  readonly requests: readonly SeenRequest[];
  /** Faults injected so far, by kind (`none` not counted). */
  readonly injected: Readonly<Record<Exclude<FaultKind, 'none'>, number>>;
  /** Side effects performed (orders created); replays do not count. */
  sideEffects(): number;
  /** Idempotency keys the ledger holds. */
  ledgerKeys(): string[];
  /** Completed requests replayed from the ledger. */
  replays(): number;
  /** Responses the API itself sent (injected statuses not included), by status. */
  answeredByStatus(): Record<number, number>;
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 1024 * 1024;

/** A complete answer of the API, written by `handle` (or dropped, for `reset-after`). */
interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Waits until `res` can take more, or the connection is gone. Whichever comes first removes the
 * other listener: one left behind per wait piled up 'close' listeners on a long body
 * (MaxListenersExceededWarning).
 */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function problem(status: number, title: string, extra: Record<string, unknown> = {}): Reply {
  const body = JSON.stringify({ type: `https://errors.test/${status}`, title, status, ...extra });
  return { status, headers: { 'content-type': 'application/problem+json' }, body };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

function write(res: ServerResponse, reply: Reply, answered: Map<number, number>): void {
  if (res.destroyed) return;
  answered.set(reply.status, (answered.get(reply.status) ?? 0) + 1);
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the server; `plan` decides faults (default: none). */
export async function startFaultServer(plan: FaultPlan = () => undefined): Promise<FaultServer> {
  let currentPlan = plan;
  const queue: Fault[] = [];
  const requests: SeenRequest[] = [];
  const attemptsByCall = new Map<string, number>();
  const injected = { status: 0, 'reset-before': 0, 'reset-after': 0, slow: 0, truncate: 0 };
  const ledger = new Map<string, LedgerEntry>();
  const orders = new Map<string, unknown>();
  const answered = new Map<number, number>();
  let sideEffects = 0;
  let replays = 0;

  /** The API itself: POST /orders (side effect, deduped by key), GET /orders/:id, echo otherwise. */
  function serve(req: IncomingMessage, seen: SeenRequest, body: string): Reply {
    if (seen.method === 'POST' && seen.path === '/orders') {
      const header = req.headers['idempotency-key'];
      const key = typeof header === 'string' ? header : undefined;
      const bodyHash = sha256(body);
      const known = key === undefined ? undefined : ledger.get(key);
      if (known?.state === 'processing') return problem(409, 'A request with this key is in progress');
      if (known && known.bodyHash !== bodyHash) return problem(422, 'Key reused with a different body');
      if (known) {
        replays++;
        return { status: known.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' }, body: known.body };
      }
      let input: unknown;
      try {
        input = JSON.parse(body);
      } catch {
        return problem(400, 'Body is not JSON');
      }
      sideEffects++;
      const id = `ord_${sideEffects}`;
      const order = { id, ...(input as object) };
      orders.set(id, order);
      const reply = json(201, order);
      if (key !== undefined) ledger.set(key, { state: 'done', bodyHash, status: reply.status, body: reply.body });
      return reply;
    }
    const match = /^\/orders\/([^/?]+)/.exec(seen.path);
    if (seen.method === 'GET' && match) {
      const order = orders.get(decodeURIComponent(match[1]!));
      return order ? json(200, order) : problem(404, 'No such order', { orderId: match[1] });
    }
    return json(200, { method: seen.method, path: seen.path, body });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headerKey = req.headers['idempotency-key'] ?? req.headers['x-call-id'];
    const callId = typeof headerKey === 'string' ? headerKey : undefined;
    const attempt = callId === undefined ? 1 : (attemptsByCall.get(callId) ?? 0) + 1;
    if (callId !== undefined) attemptsByCall.set(callId, attempt);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, callId, attempt };
    requests.push(seen);
    const fault = queue.shift() ?? currentPlan(seen) ?? { kind: 'none' };
    if (fault.kind !== 'none') injected[fault.kind]++;

    switch (fault.kind) {
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'status': {
        await readBody(req);
        const headers = { 'content-type': 'application/json', ...fault.headers };
        if (fault.bodyBytes === undefined) {
          res.writeHead(fault.status, headers);
          res.end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }));
          return;
        }
        res.writeHead(fault.status, headers);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let left = fault.bodyBytes;
        // Streams until done or the client stops reading and the connection goes away.
        while (left > 0 && !res.destroyed) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!res.write(piece)) await drainOrClose(res);
        }
        res.end();
        return;
      }
      case 'truncate':
        await readBody(req);
        res.writeHead(fault.status, { 'content-type': fault.contentType, 'content-length': String(fault.declared) });
        res.write(fault.body, () => req.socket.destroy());
        return;
      case 'reset-after': {
        // The effect happens; the client never hears about it.
        serve(req, seen, await readBody(req));
        req.socket.destroy();
        return;
      }
      case 'slow': {
        const body = await readBody(req);
        const header = req.headers['idempotency-key'];
        const key = typeof header === 'string' && !ledger.has(header) ? header : undefined;
        // Reserve the key while "working", as real idempotency stores do: a retry meanwhile gets 409.
        if (key !== undefined) ledger.set(key, { state: 'processing', bodyHash: sha256(body), status: 0, body: '' });
        await delay(fault.delayMs);
        if (key !== undefined) ledger.delete(key);
        // Completes even when the client has given up, like a server that does not notice.
        write(res, serve(req, seen, body), answered);
        return;
      }
      case 'none':
        write(res, serve(req, seen, await readBody(req)), answered);
        return;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) write(res, problem(500, 'fault server error'), answered);
      else req.socket.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...faults) => void queue.push(...faults),
    setPlan: (next) => {
      currentPlan = next;
    },
    requests,
    injected,
    sideEffects: () => sideEffects,
    ledgerKeys: () => [...ledger.keys()],
    replays: () => replays,
    answeredByStatus: () => Object.fromEntries(answered),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
