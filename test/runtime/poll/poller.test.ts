/**
 * The Poller against a real loopback server, on the undici and fetch transports. Only the clock is
 * replaced (`TestClient` records every requested wait and skips it), so pacing is asserted on the
 * delays asked for, never on elapsed time.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  InvalidRequestError,
  OperationFailedError,
  Poller,
  TimeoutError,
  type ClientOptions,
  type OperationDescriptor,
  type RetryClock,
} from '@sdkgen/runtime';
import { startServer, type RecordedRequest, type TestServer } from '../../support/server.js';
import { NOW, TestClient } from '../../support/reliability-client.js';

const config = {
  idempotencyHeader: 'Idempotency-Key',
  securitySchemes: { apiKey: { type: 'apiKey' as const, in: 'header' as const, name: 'X-API-Key', option: 'apiKey' } },
};

const createReport: OperationDescriptor = {
  id: 'createReport',
  method: 'POST',
  path: '/reports',
  body: { mediaType: 'application/json', encoding: 'json' },
  response: 'json',
  security: [['apiKey']],
  longRunning: {},
};

interface Status {
  id: string;
  status?: string;
  state?: string;
  progress?: number;
  result_url?: string;
  error?: { code: string; message: string };
  done?: boolean;
  response?: unknown;
}

/** One scripted answer of the status URL. */
interface Step {
  body?: unknown;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * The report API: `POST /reports` creates an operation (idempotent by key) whose status URL serves
 * `script` step by step (the last step repeats); `DELETE` cancels; `/reports/{id}` is the result.
 */
class ReportApi {
  script: Step[] = [];
  accepted: Step = { status: 202 };
  operations = new Map<string, { served: number; canceled: boolean; script: Step[] }>();
  keys = new Map<string, string>();
  /** Statuses of the next initiating POSTs before one succeeds (e.g. [503]). */
  failCreates: number[] = [];

  constructor(readonly server: TestServer) {
    server.fallback((req, res) => this.handle(req, res));
  }

  get polls(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/operations/'));
  }

  handle(req: RecordedRequest, res: ServerResponse): void {
    if (req.headers['x-api-key'] !== 'test-key') return send(res, 401, { title: 'no key' });
    const path = req.url.split('?')[0]!;
    if (req.method === 'POST' && path === '/reports') {
      const fail = this.failCreates.shift();
      if (fail !== undefined) return send(res, fail, { title: 'busy' }, { 'retry-after': '0' });
      const key = String(req.headers['idempotency-key']);
      let id = this.keys.get(key);
      if (id === undefined) {
        id = `op_${this.operations.size + 1}`;
        this.keys.set(key, id);
        this.operations.set(id, { served: 0, canceled: false, script: this.script });
      }
      const { status = 202, headers = { location: `/operations/${id}` }, body = { id, status: 'PENDING' } } = this.accepted;
      return send(res, status, body, headers);
    }
    const op = /^\/operations\/(op_\d+)$/.exec(path);
    const state = op === null ? undefined : this.operations.get(op[1]!);
    if (state !== undefined && req.method === 'DELETE') {
      state.canceled = true;
      return send(res, 202, { id: op![1], status: 'Cancelling' });
    }
    if (state !== undefined && req.method === 'GET') {
      if (state.canceled) return send(res, 200, { id: op![1], status: 'Canceled' });
      const step = state.script[Math.min(state.served++, state.script.length - 1)] ?? { body: { id: op![1], status: 'RUNNING' } };
      return send(res, step.status ?? 200, step.body, step.headers);
    }
    const report = /^\/reports\/(rep_\d+)$/.exec(path);
    if (report !== null && req.method === 'GET') return send(res, 200, { id: report[1], rows: 42 });
    return send(res, 404, { title: 'not found' });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text !== '' && { 'content-type': 'application/json' }), 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const running = (progress?: number): Step => ({ body: { id: 'op_1', status: 'IN_PROGRESS', ...(progress !== undefined && { progress }) } });

for (const transport of ['undici', 'fetch'] as const) {
  describe(`Poller over ${transport}`, () => {
    let server: TestServer;
    let api: ReportApi;
    let client: TestClient;
    const make = (options: ClientOptions = {}) => new TestClient({ baseUrl: server.url, apiKey: 'test-key', transport, ...options } as ClientOptions, config);
    const start = (c: TestClient = client) => c.requestOperation<Status, { id: string; rows: number }>(createReport, [], { range: 'Q3' });

    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(() => server.close());
    beforeEach(() => {
      server.reset();
      api = new ReportApi(server);
      client = make();
    });

    it('starts from the 202: status is its body, the status URL its Location', async () => {
      api.script = [running(10), { body: { id: 'op_1', status: 'Succeeded', result_url: '/reports/rep_1' } }];
      const op = await start();
      expect(op).toBeInstanceOf(Poller);
      expect(op.status).toEqual({ id: 'op_1', status: 'PENDING' });
      expect(op.done).toBe(false);
      expect(op.statusUrl).toBe(`${server.url}/operations/op_1`);
      const final = await op.wait();
      expect(final).toEqual({ id: 'op_1', status: 'Succeeded', result_url: '/reports/rep_1' });
      expect(api.polls).toHaveLength(2);
      expect(await op.result()).toEqual({ id: 'rep_1', rows: 42 });
      // Polls and the result carry the client's credentials, like any call.
      expect(server.requests.every((r) => r.headers['x-api-key'] === 'test-key')).toBe(true);
      // Waiting again is free.
      expect(await op.wait()).toBe(final);
      expect(api.polls).toHaveLength(2);
    });

    const spellings: { final: Record<string, unknown>; ok: boolean }[] = [
      ...['succeeded', 'Succeeded', 'SUCCEEDED', 'completed', 'COMPLETED', 'done', 'Done'].flatMap((w) => [
        { final: { status: w }, ok: true },
        { final: { state: w }, ok: true },
      ]),
      ...['failed', 'FAILED', 'canceled', 'Canceled', 'cancelled', 'CANCELLED', 'error', 'Error'].flatMap((w) => [
        { final: { status: w }, ok: false },
        { final: { state: w }, ok: false },
      ]),
      { final: { done: true, response: { id: 'rep_7' } }, ok: true },
      { final: { done: true, error: { code: 'INTERNAL', message: 'boom' } }, ok: false },
    ];
    it('ends on every terminal-state spelling', async () => {
      for (const { final, ok } of spellings) {
        api.operations.clear();
        api.script = [{ body: { id: 'op_1', status: 'queued' } }, { body: { id: 'op_1', done: false } }, { body: { id: 'op_1', ...final } }];
        const op = await start();
        const outcome: { ok: boolean; error?: unknown } = await op.wait().then(
          () => ({ ok: true }),
          (error: unknown) => ({ ok: false, error }),
        );
        expect(outcome.ok, JSON.stringify(final)).toBe(ok);
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(OperationFailedError);
          expect((outcome.error as OperationFailedError<Status>).operation).toEqual({ id: 'op_1', ...final });
        }
        expect(op.done).toBe(true);
      }
      // Google-style: the result is the `response` member.
      api.operations.clear();
      api.script = [{ body: { name: 'operations/1', done: true, response: { id: 'rep_7' } } }];
      expect(await (await start()).result()).toEqual({ id: 'rep_7' });
    });

    it('paces polls by Retry-After (capped by maxRetryAfter), else backs off from 1 s', async () => {
      api.accepted = { headers: { location: '/operations/op_1', 'retry-after': '3' } };
      api.script = [
        { body: { id: 'op_1', status: 'running' }, headers: { 'retry-after-ms': '1500' } },
        { body: { id: 'op_1', status: 'running' }, headers: { 'retry-after': '120' } },
        running(),
        running(),
        running(),
        { body: { id: 'op_1', status: 'completed' } },
      ];
      const paced = make({ maxRetryAfter: 60_000 });
      await (await start(paced)).wait();
      expect(paced.slept).toEqual([3000, 1500, 60_000, 1000, 2000, 4000]);
      // A fixed pollInterval replaces the backoff, not the server's hint.
      api.operations.clear();
      api.accepted = { headers: { location: '/operations/op_1' } };
      api.script = [{ body: { id: 'op_1', status: 'running' }, headers: { 'retry-after': '2' } }, running(), { body: { id: 'op_1', status: 'done' } }];
      const fixed = make();
      await (await start(fixed)).wait({ pollInterval: 250 });
      expect(fixed.slept).toEqual([250, 2000, 250]);
    });

    it('reports progress on every poll', async () => {
      api.script = [running(10), running(50), running(90), { body: { id: 'op_1', status: 'Succeeded', progress: 100 } }];
      const seen: (number | undefined)[] = [];
      const final = await (await start()).wait({ onProgress: (s) => seen.push(s.progress) });
      expect(seen).toEqual([10, 50, 90, 100]);
      expect(final.progress).toBe(100);
    });

    it('follows the result link of a body field, and a Location on the final status', async () => {
      api.script = [{ body: { id: 'op_1', status: 'succeeded', result_url: `${server.url}/reports/rep_3` } }];
      expect(await (await start()).result()).toEqual({ id: 'rep_3', rows: 42 });
      api.operations.clear();
      api.script = [{ body: { id: 'op_1', status: 'succeeded' }, headers: { location: '/reports/rep_4' } }];
      // result() waits first when the operation is still running.
      expect(await (await start()).result()).toEqual({ id: 'rep_4', rows: 42 });
      expect(server.requests.filter((r) => r.url === '/reports/rep_4')).toHaveLength(1);
    });

    it('follows a 303 See Other from the status URL to the result', async () => {
      api.script = [running(40), { status: 303, headers: { location: '/reports/rep_5' } }];
      const op = await start();
      const final = await op.wait();
      // The last status seen stays the status; the 303 target is the result, fetched once.
      expect(final).toEqual({ id: 'op_1', status: 'IN_PROGRESS', progress: 40 });
      expect(op.done).toBe(true);
      expect(await op.result()).toEqual({ id: 'rep_5', rows: 42 });
      expect(server.requests.filter((r) => r.url === '/reports/rep_5')).toHaveLength(1);
      expect(op.toJSON().resultUrl).toBe(`${server.url}/reports/rep_5`);
    });

    it('the Location next to an Operation-Location is the result (Azure)', async () => {
      api.accepted = { headers: { 'operation-location': '/operations/op_1', location: '/reports/rep_6' } };
      api.script = [{ body: { id: 'op_1', status: 'Succeeded' } }];
      expect(await (await start()).result()).toEqual({ id: 'rep_6', rows: 42 });
    });

    it('a failed operation throws OperationFailedError with the final status, from wait() and result()', async () => {
      api.script = [running(20), { body: { id: 'op_1', status: 'FAILED', error: { code: 'QUOTA', message: 'Too many rows' } } }];
      const op = await start();
      const error = await op.wait().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperationFailedError);
      const failed = error as OperationFailedError<Status>;
      expect(failed.operation.error).toEqual({ code: 'QUOTA', message: 'Too many rows' });
      expect(failed.message).toBe('Operation createReport failed: QUOTA: Too many rows');
      expect(failed.statusUrl).toBe(`${server.url}/operations/op_1`);
      await expect(op.result()).rejects.toBeInstanceOf(OperationFailedError);
    });

    it('cancel() sends DELETE to the status URL; wait() then ends canceled', async () => {
      api.script = [running(5)];
      const op = await start();
      await op.cancel();
      const deletes = server.requests.filter((r) => r.method === 'DELETE');
      expect(deletes.map((r) => r.url)).toEqual(['/operations/op_1']);
      expect(deletes[0]!.headers['x-api-key']).toBe('test-key');
      expect(op.status).toEqual({ id: 'op_1', status: 'Cancelling' });
      const error = (await op.wait().catch((e: unknown) => e)) as OperationFailedError<Status>;
      expect(error).toBeInstanceOf(OperationFailedError);
      expect(error.operation.status).toBe('Canceled');
    });

    it("cancel() uses the spec's cancel operation when the descriptor names one", async () => {
      server.route('POST', '/operations/op_1:cancel', (_req, res) => send(res, 200, { id: 'op_1', status: 'Cancelled' }));
      const op = await client.requestOperation<Status, unknown>({ ...createReport, longRunning: { cancel: { method: 'POST', suffix: ':cancel' } } }, [], {});
      await op.cancel();
      expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: '/operations/op_1:cancel' });
      expect(op.done).toBe(true);
      await expect(op.wait()).rejects.toBeInstanceOf(OperationFailedError);
    });

    it('resumes after JSON serialization, in a fresh client', async () => {
      api.script = [running(30), running(60), { body: { id: 'op_1', status: 'completed', result_url: '/reports/rep_8' } }];
      const op = await start();
      await op.wait({ maxWait: 1000 }).catch(() => undefined); // one poll in, then out of budget
      expect(api.polls).toHaveLength(1);
      const saved = JSON.parse(JSON.stringify(op)) as unknown;
      expect(JSON.stringify(saved)).not.toContain('test-key');
      const other = make();
      const resumed = Poller.resume<Status, { id: string; rows: number }>(other, saved);
      expect(resumed.status).toEqual({ id: 'op_1', status: 'IN_PROGRESS', progress: 30 });
      expect((await resumed.wait()).status).toBe('completed');
      expect(await resumed.result()).toEqual({ id: 'rep_8', rows: 42 });
      expect(api.polls).toHaveLength(3);
      // From the JSON text, and once done.
      const done = Poller.resume<Status, { id: string }>(other, JSON.stringify(resumed));
      expect(done.done).toBe(true);
      expect(await done.result()).toEqual({ id: 'rep_8', rows: 42 });
    });

    it('maxWait bounds one wait() with TimeoutError; the poller can go on', async () => {
      api.script = [running(), running(), running(), { body: { id: 'op_1', status: 'done' } }];
      const op = await start();
      // Backoff 1 s + 2 s fits in 3.5 s, the next 4 s would not.
      const error = await op.wait({ maxWait: 3500 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(api.polls).toHaveLength(2);
      expect((await op.wait()).status).toBe('done');
    });

    it('abort stops at once: during a wait between polls, and from a progress callback', async () => {
      api.script = [running(1)];
      // A clock whose sleeps only end by abort: the poller is parked between polls.
      let parked = 0;
      const hanging = new (class extends TestClient {
        protected override clock: RetryClock = {
          now: () => NOW,
          random: () => 0,
          sleep: (_ms, signal) =>
            new Promise<void>((_resolve, reject) => {
              parked++;
              signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            }),
        };
      })({ baseUrl: server.url, apiKey: 'test-key', transport } as ClientOptions, config);
      const op = await start(hanging);
      const controller = new AbortController();
      const waiting = op.wait({ signal: controller.signal });
      for (let i = 0; i < 100 && parked === 0; i++) await new Promise((r) => setImmediate(r));
      expect(parked).toBe(1);
      controller.abort();
      await expect(waiting).rejects.toBeInstanceOf(AbortError);
      expect(api.polls).toHaveLength(0);

      const second = new AbortController();
      const op2 = await start();
      const error = await op2.wait({ signal: second.signal, onProgress: () => second.abort() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(api.polls).toHaveLength(1);
      // An aborted signal stops before any poll.
      await expect(op2.wait({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
      expect(api.polls).toHaveLength(1);
    });

    it('a 503 on the initiating POST is retried with the same idempotency key; one operation exists', async () => {
      api.failCreates = [503];
      api.script = [{ body: { id: 'op_1', status: 'done' } }];
      const op = await start();
      const posts = server.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(posts[1]!.headers['idempotency-key']).toBe(posts[0]!.headers['idempotency-key']);
      expect(api.operations.size).toBe(1);
      expect((await op.wait()).status).toBe('done');
    });

    it('transient errors while polling are retried like any GET', async () => {
      api.script = [{ status: 503, body: { title: 'busy' }, headers: { 'retry-after': '0' } }, { body: { id: 'op_1', status: 'done' } }];
      expect((await (await start()).wait()).status).toBe('done');
      expect(api.polls).toHaveLength(2);
    });

    it('polls use the ETag cache: a 304 gives the stored status', async () => {
      let etagPolls = 0;
      server.route('GET', '/operations/op_1', (req, res) => {
        etagPolls++;
        if (etagPolls >= 3) return send(res, 200, { id: 'op_1', status: 'done' });
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          return void res.end();
        }
        return send(res, 200, { id: 'op_1', status: 'running', progress: 50 }, { etag: '"v1"' });
      });
      const seen: unknown[] = [];
      await (await start()).wait({ onProgress: (s) => seen.push(s) });
      expect(server.requests.filter((r) => r.headers['if-none-match'] === '"v1"')).toHaveLength(2);
      expect(seen).toEqual([{ id: 'op_1', status: 'running', progress: 50 }, { id: 'op_1', status: 'running', progress: 50 }, { id: 'op_1', status: 'done' }]);
    });

    it('polls are logged like any call, with the operation id and the credential redacted', async () => {
      api.script = [running(10), { body: { id: 'op_1', status: 'done' } }];
      const lines: { message: string; data?: Record<string, unknown> }[] = [];
      const logged = make({ logger: { debug: (message: string, data?: Record<string, unknown>) => void lines.push({ message, ...(data && { data }) }) } });
      await (await start(logged)).wait();
      const polls = lines.filter((l) => /GET \S+\/operations\/op_1 \(attempt 1\)/.test(l.message));
      expect(polls).toHaveLength(2);
      expect(polls.every((l) => l.data?.['operationId'] === 'createReport')).toBe(true);
      expect(JSON.stringify(lines)).not.toContain('test-key');
    });

    it('refuses a status URL on another origin (it would carry the credentials there)', async () => {
      api.accepted = { headers: { location: 'http://evil.test/operations/op_1' } };
      const op = await start();
      await expect(op.wait()).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(Poller.resume(client, { ...op.toJSON(), statusUrl: 'http://127.0.0.2:1/x' }).cancel()).rejects.toThrow(/Refusing to DELETE/);
    });

    it('a response without a status URL finished synchronously', async () => {
      api.accepted = { status: 201, headers: {}, body: { id: 'rep_9', rows: 1 } };
      const op = await start();
      expect(op.done).toBe(true);
      expect(await op.wait()).toEqual({ id: 'rep_9', rows: 1 });
      expect(await op.result()).toEqual({ id: 'rep_9', rows: 1 });
    });
  });
}
