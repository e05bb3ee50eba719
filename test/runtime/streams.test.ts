/**
 * Streams end to end, on both transports, against real loopback servers: SSE (split anywhere, line
 * ends, reconnect with Last-Event-ID, retry, abort, per-chunk timeout, error events), NDJSON,
 * `asResponse()` downloads and streamed uploads.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  Stream,
  TimeoutError,
  toFile,
  type OperationDescriptor,
  type StreamEvent,
} from '@sdkgen/runtime';
import { TestClient } from '../support/reliability-client.js';
import { SSE_EVENTS, SSE_ITEMS, SSE_TRANSCRIPT, withLineEnds } from '../support/sse-transcript.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** A loopback server whose handler sees the raw request and writes the response as it likes. */
interface StreamServer {
  url: string;
  handle(handler: Handler): void;
  /** Requests seen, with their headers. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  /** Resolves when a socket closes (the client released it). */
  nextClose(): Promise<void>;
  close(): Promise<void>;
}

async function startStreamServer(): Promise<StreamServer> {
  let handler: Handler = (_req, res) => res.end();
  const requests: StreamServer['requests'] = [];
  const sockets = new Set<Socket>();
  let closeWaiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      const waiters = closeWaiters;
      closeWaiters = [];
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: (h) => void (handler = h),
    requests,
    nextClose: () => new Promise((resolve) => closeWaiters.push(resolve)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sse = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** Writes `parts` one after another, each after the previous one was flushed to the socket. */
function writeParts(res: ServerResponse, parts: readonly (string | Uint8Array)[], end = true): void {
  let i = 0;
  const next = (): void => {
    if (i === parts.length) {
      if (end) res.end();
      return;
    }
    res.write(parts[i++]!, () => setImmediate(next));
  };
  next();
}

const watch: OperationDescriptor = { id: 'watch', method: 'GET', path: '/events', response: 'stream', stream: { mediaType: 'text/event-stream' } };
const chat: OperationDescriptor = {
  id: 'chat',
  method: 'POST',
  path: '/chat',
  body: { mediaType: 'application/json', encoding: 'json' },
  stream: { mediaType: 'text/event-stream', select: 'field' },
};
const logs: OperationDescriptor = { id: 'logs', method: 'GET', path: '/logs', response: 'stream', stream: { mediaType: 'application/x-ndjson' } };
const download: OperationDescriptor = { id: 'download', method: 'GET', path: '/file', response: 'binary' };
const upload: OperationDescriptor = { id: 'upload', method: 'POST', path: '/upload', body: { mediaType: 'application/octet-stream', encoding: 'binary' }, response: 'json' };
const form: OperationDescriptor = { id: 'form', method: 'POST', path: '/form', body: { mediaType: 'multipart/form-data', encoding: 'multipart' }, response: 'json' };
const put: OperationDescriptor = { id: 'put', method: 'PUT', path: '/upload', body: { mediaType: 'application/octet-stream', encoding: 'binary' }, response: 'json' };

async function collect<T>(iterable: AsyncIterable<T>, max = 10_000): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) {
    out.push(x);
    if (out.length >= max) break;
  }
  return out;
}

describe.each(['undici', 'fetch'] as const)('streams over %s', (transport) => {
  let server: StreamServer;
  const clients: TestClient[] = [];
  function client(options: Record<string, unknown> = {}): TestClient {
    const c = new TestClient({ baseUrl: server.url, transport, maxRetries: 2, ...options }, {});
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    server = await startStreamServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.requests.length = 0;
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads the recorded transcript split at every byte offset (inside multi-byte characters too)', async () => {
    const transcript = Buffer.from(SSE_TRANSCRIPT);
    let split = 0;
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      writeParts(res, [transcript.subarray(0, split), transcript.subarray(split)]);
    });
    const c = client();
    for (split = 1; split < transcript.length; split++) {
      const stream = await c.request<Stream<unknown>>(watch, [], undefined);
      expect(await collect(stream), `split at ${split}`).toEqual(SSE_ITEMS);
    }
  });

  it.each(['\r\n', '\r', '\n'] as const)('raw events with %j line ends, byte by byte', async (eol) => {
    const text = Buffer.from(withLineEnds(SSE_TRANSCRIPT, eol));
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      // Many small writes: every line end, CRLF pairs included, can be cut by a chunk boundary.
      writeParts(res, Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.subarray(i * 3, i * 3 + 3)));
    });
    const stream = await client().request<Stream<unknown>>(watch, [], undefined);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    expect(await collect(stream.events())).toEqual(SSE_EVENTS);
  });

  it('a POST stream selected by `stream: true` sends Accept: text/event-stream; without it the JSON answer', async () => {
    server.handle((req, res, body) => {
      const wantsStream = (JSON.parse(body.toString()) as { stream?: boolean }).stream === true;
      if (wantsStream) {
        res.writeHead(200, { ...sse, 'x-request-id': 'req-7' });
        res.end('data: {"delta":"a"}\n\ndata: {"delta":"b"}\n\ndata: [DONE]\n\n');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ text: 'ab', accept: req.headers.accept }));
      }
    });
    const c = client();
    const stream = await c.request<Stream<{ delta: string }>>(chat, [], { model: 'm', stream: true });
    expect(stream).toBeInstanceOf(Stream);
    expect(stream.response.requestId).toBe('req-7');
    expect((await collect(stream)).map((x) => x.delta)).toEqual(['a', 'b']);
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(await c.request(chat, [], { model: 'm' })).toEqual({ text: 'ab', accept: 'application/json' });
  });

  it('a GET stream that drops reconnects with Last-Event-ID after the server\'s retry (bounded by maxRetryAfter)', async () => {
    server.handle((req, res) => {
      res.writeHead(200, sse);
      if (req.headers['last-event-id'] === undefined) {
        // Two events, then the connection breaks before the server ends the stream.
        res.write('retry: 90000\nid: 1\ndata: {"n":1}\n\nid: 2\ndata: {"n":2}\n\n', () => setImmediate(() => res.destroy()));
      } else {
        res.end(`data: {"n":3,"after":"${String(req.headers['last-event-id'])}"}\n\n`);
      }
    });
    const c = client({ maxRetryAfter: 5_000 });
    const stream = await c.request<Stream<{ n: number; after?: string }>>(watch, [], undefined);
    expect(await collect(stream)).toEqual([{ n: 1 }, { n: 2 }, { n: 3, after: '2' }]);
    expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '2']);
    // The server asked for 90 s; maxRetryAfter caps the wait.
    expect(c.slept).toEqual([5_000]);
    expect(stream.lastEventId).toBe('2');
  });

  it('reconnects with the id of a block that had no data, and with no Last-Event-ID after an empty id', async () => {
    // EventSource's rules: every blank line makes the id buffer the last event id, with or without
    // an event; an empty `id:` resets it, and then no Last-Event-ID header is sent.
    server.handle((req, res) => {
      res.writeHead(200, sse);
      const seen = req.headers['last-event-id'];
      if (server.requests.length === 1) {
        // The id-only block comes in a write of its own, after the event: usually its own chunk.
        res.write('id: 1\ndata: {"n":1}\n\n', () =>
          setImmediate(() => res.write('id: 7\n\n', () => setImmediate(() => res.destroy()))),
        );
      } else if (server.requests.length === 2) {
        res.write(`data: {"n":2,"after":"${String(seen)}"}\n\nid\n\n`, () => setImmediate(() => res.destroy()));
      } else {
        res.end(`data: {"n":3,"after":"${String(seen)}"}\n\n`);
      }
    });
    const stream = await client().request<Stream<{ n: number; after?: string }>>(watch, [], undefined);
    expect(await collect(stream)).toEqual([{ n: 1 }, { n: 2, after: '7' }, { n: 3, after: 'undefined' }]);
    expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '7', undefined]);
  });

  it('reconnects at most maxRetries times in a row, then throws ConnectionError', async () => {
    server.handle((req, res) => {
      res.writeHead(200, sse);
      // The first connection delivers an event; every reconnection breaks before any data.
      if (req.headers['last-event-id'] === undefined) res.write('retry: 10\nid: a\ndata: "x"\n\n', () => setImmediate(() => res.destroy()));
      else res.write(': hello\n', () => setImmediate(() => res.destroy()));
    });
    const c = client({ maxRetries: 2 });
    const stream = await c.request<Stream<string>>(watch, [], undefined);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of stream) seen.push(item);
      })(),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(seen).toEqual(['x']);
    // The first connection, then two reconnections (a comment is no event: they count in a row).
    expect(server.requests).toHaveLength(3);
    expect(server.requests.slice(1).every((r) => r.headers['last-event-id'] === 'a')).toBe(true);
    expect(c.slept.every((ms) => ms === 10)).toBe(true);
  });

  it('a POST stream never reconnects: a drop is a ConnectionError', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      res.write('id: 1\ndata: "a"\n\n', () => setImmediate(() => res.destroy()));
    });
    const stream = await client().request<Stream<string>>(chat, [], { stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of stream) seen.push(item);
      })(),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(seen).toEqual(['a']);
    expect(server.requests).toHaveLength(1);
  });

  it('abort() ends the loop and closes the connection (the server sees the close)', async () => {
    let writer: ReturnType<typeof setInterval> | undefined;
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      let n = 0;
      // An endless stream, bounded by the close (and by the test timeout).
      writer = setInterval(() => res.write(`data: ${n++}\n\n`), 5);
      res.on('close', () => clearInterval(writer));
    });
    const stream = await client().request<Stream<number>>(watch, [], undefined);
    const closed = server.nextClose();
    const seen: number[] = [];
    for await (const n of stream) {
      seen.push(n);
      if (seen.length === 3) stream.abort();
    }
    expect(seen).toEqual([0, 1, 2]);
    await closed;
  });

  it('break in for-await closes the connection too', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      const writer = setInterval(() => res.write('data: 1\n\n'), 5);
      res.on('close', () => clearInterval(writer));
    });
    const stream = await client().request<Stream<number>>(watch, [], undefined);
    const closed = server.nextClose();
    for await (const n of stream) if (n === 1) break;
    await closed;
  });

  it("the caller's signal aborts a stream with AbortError", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      const writer = setInterval(() => res.write('data: 1\n\n'), 5);
      res.on('close', () => clearInterval(writer));
    });
    const controller = new AbortController();
    const stream = await client().request<Stream<number>>(watch, [], undefined, { signal: controller.signal });
    const closed = server.nextClose();
    let count = 0;
    await expect(
      (async () => {
        for await (const _ of stream) if (++count === 2) controller.abort();
      })(),
    ).rejects.toBeInstanceOf(AbortError);
    await closed;
  });

  it('timeout bounds the wait for each chunk, not the whole stream', async () => {
    server.handle((req, res) => {
      res.writeHead(200, sse);
      if (req.url === '/events?stall') {
        res.write('data: 1\n\n'); // then nothing: the next chunk never comes
        return;
      }
      // Ten events 40 ms apart: the stream outlasts the timeout, no chunk waits that long.
      let n = 0;
      const writer = setInterval(() => {
        res.write(`data: ${n}\n\n`);
        if (++n === 10) {
          clearInterval(writer);
          res.end();
        }
      }, 40);
    });
    const c = client({ maxRetries: 0, timeout: 300 });
    expect(await collect(await c.request<Stream<number>>(watch, [], undefined))).toHaveLength(10);
    const stalled = await c.request<Stream<number>>({ ...watch, path: '/events?stall' }, [], undefined);
    const seen: number[] = [];
    const error = await (async () => {
      try {
        for await (const n of stalled) seen.push(n);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/no data for 300 ms/);
    expect(seen).toEqual([1]);
  });

  it('a non-2xx answer is the usual typed error', async () => {
    server.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'https://x/not-found', title: 'No such stream', status: 404 }));
    });
    const error = await client()
      .request(watch, [], undefined)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).problem?.title).toBe('No such stream');
  });

  it('an SSE error event with a problem document raises the matching error class', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, sse);
      res.end('data: "ok"\n\nevent: error\ndata: {"type":"https://x/overloaded","title":"Slow down","status":429,"detail":"try later"}\n\n');
    });
    const stream = await client().request<Stream<string>>(chat, [], { stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const s of stream) seen.push(s);
      } catch (e) {
        return e;
      }
    })();
    expect(seen).toEqual(['ok']);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).problem).toMatchObject({ title: 'Slow down', detail: 'try later' });
  });

  it('an error event without a status keeps the response status', async () => {
    server.handle((_req, res) => {
      res.writeHead(503, sse);
      res.end();
    });
    await expect(client({ maxRetries: 0 }).request(watch, [], undefined)).rejects.toBeInstanceOf(InternalServerError);
  });

  it('NDJSON: records split across chunks, CRLF, a last line without LF', async () => {
    const body = Buffer.from('{"level":"info","msg":"Grüße"}\r\n{"level":"warn","msg":"😀"}\n\n{"level":"error"}');
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      writeParts(res, Array.from({ length: Math.ceil(body.length / 5) }, (_, i) => body.subarray(i * 5, i * 5 + 5)));
    });
    const stream = await client().request<Stream<{ level: string; msg?: string }>>(logs, [], undefined);
    expect(await collect(stream)).toEqual([{ level: 'info', msg: 'Grüße' }, { level: 'warn', msg: '😀' }, { level: 'error' }]);
  });

  it('asResponse() streams a large download with the body unread', async () => {
    const size = 8 * 1024 * 1024;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-request-id': 'dl-1' });
      const block = Buffer.alloc(64 * 1024, 7);
      writeParts(res, Array.from({ length: size / block.length }, () => block));
    });
    const response = await client().request(download, [], undefined).asResponse();
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(false);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.url}/file`);
    expect(response.headers.get('x-request-id')).toBe('dl-1');
    let total = 0;
    let sevens = true;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (chunk[0] !== 7) sevens = false;
    }
    expect(total).toBe(size);
    expect(sevens).toBe(true);
  });

  it('asResponse() keeps typed errors for non-2xx answers', async () => {
    server.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"gone"}');
    });
    await expect(client().request(download, [], undefined).asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('streams an upload from an async iterable, a Node readable and toFile(stream) in a multipart form', async () => {
    server.handle((req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ size: body.length, type: req.headers['content-type'], text: body.toString('latin1') }));
    });
    async function* parts(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 4; i++) yield new Uint8Array(1000).fill(65 + i);
    }
    const c = client();
    const grouped = { ...upload, body: { ...upload.body!, group: 'body' } };
    const fromIterable = await c.request<{ size: number; text: string }>(grouped, [], { body: parts() });
    expect(fromIterable.size).toBe(4000);
    expect(fromIterable.text).toBe('A'.repeat(1000) + 'B'.repeat(1000) + 'C'.repeat(1000) + 'D'.repeat(1000));

    const fromReadable = await c.request<{ size: number }>(grouped, [], {
      body: Readable.from([Buffer.from('hello '), Buffer.from('world')]),
    });
    expect(fromReadable.size).toBe(11);

    const file = toFile(parts(), 'letters.txt', { type: 'text/plain' });
    const multipart = await c.request<{ type: string; text: string }>(form, [], { purpose: 'test', file });
    expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.text).toContain('Content-Disposition: form-data; name="purpose"\r\n\r\ntest\r\n');
    expect(multipart.text).toContain('Content-Disposition: form-data; name="file"; filename="letters.txt"\r\nContent-Type: text/plain\r\n\r\n' + 'A'.repeat(1000));
    expect(multipart.text).toContain('D'.repeat(1000) + '\r\n--');
  });

  it('a streamed upload is not retried, and the error says why', async () => {
    server.handle((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"message":"busy"}');
    });
    const error = await client({ maxRetries: 3 })
      .request({ ...put, body: { ...put.body!, group: 'body' } }, [], { body: Readable.from([Buffer.from('x')]) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/not retried: the request body was a stream/);
    expect(server.requests).toHaveLength(1);
  });

  it('a streamed upload does not follow a 307', async () => {
    server.handle((req, res) => {
      if (req.url === '/upload') {
        res.writeHead(307, { location: '/elsewhere' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }
    });
    const error = await client({ maxRetries: 0 })
      .request({ ...put, body: { ...put.body!, group: 'body' } }, [], { body: Readable.from([Buffer.from('x')]) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toMatch(/redirect with a streamed request body/);
    expect(server.requests.map((r) => r.url)).toEqual(['/upload']);
  });
});

describe('Stream', () => {
  it('is read once: a second iteration is refused', async () => {
    const server = await startStreamServer();
    try {
      server.handle((_req, res) => {
        res.writeHead(200, sse);
        res.end('data: 1\n\n');
      });
      const c = new TestClient({ baseUrl: server.url, transport: 'undici' }, {});
      const stream = await c.request<Stream<number>>(watch, [], undefined);
      expect(await collect(stream)).toEqual([1]);
      expect(() => stream.events()).toThrow(/already being read/);
      await c.close();
    } finally {
      await server.close();
    }
  });

  it('events() of a stream with OAS 3.2 itemSchema items gives whole events as items', async () => {
    const server = await startStreamServer();
    try {
      server.handle((_req, res) => {
        res.writeHead(200, sse);
        res.end('event: created\nid: 9\ndata: {"a":1}\n\n');
      });
      const c = new TestClient({ baseUrl: server.url, transport: 'undici' }, {});
      const stream = await c.request<Stream<unknown>>({ ...watch, stream: { mediaType: 'text/event-stream', items: 'events' } }, [], undefined);
      expect(await collect(stream)).toEqual([{ event: 'created', id: '9', data: { a: 1 } }]);
      await c.close();
    } finally {
      await server.close();
    }
  });
});

export type { StreamEvent };
