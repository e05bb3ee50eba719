/**
 * Streams: SSE items per second through the SDK (`Stream<Item>` over the undici transport) against
 * raw undici reading the same body with a minimal line splitter (and the same JSON.parse per
 * event), plus RSS growth while consuming 1,000,000 SSE events and while downloading 1 GB through
 * `.asResponse()`. Also, for the record of why the runtime parses SSE itself (stream/sse-parser.ts):
 * its parse speed against `eventsource-parser` and the minimal splitter on the same text (no
 * network, no JSON).
 *
 * The server runs in a child process, so it shares neither the client's event loop nor its CPU
 * accounting. SDK and raw rounds alternate; the best round of each is kept.
 *
 * Run alone: `npm run bench -- streams`.
 */
import { spawn } from 'node:child_process';
import { Pool } from 'undici';
import { createParser } from 'eventsource-parser';
import { existsSync } from 'node:fs';
import type { BaseClient as BaseClientType, OperationDescriptor, Stream, StreamEvent } from '../runtime/src/index.js';

/**
 * The runtime as users run it: the built package (`npm run build`), not the sources through tsx,
 * whose transform wraps closures and slows closure-heavy code; the sources when it is not built.
 */
const built = new URL('../runtime/dist/index.js', import.meta.url);
const { BaseClient } = (await import(existsSync(built) ? built.href : '../runtime/src/index.js')) as typeof import('../runtime/src/index.js');
const parserModule = new URL('../runtime/dist/stream/sse-parser.js', import.meta.url);
const { SseParser } = (await import(existsSync(parserModule) ? parserModule.href : '../runtime/src/stream/sse-parser.js')) as typeof import('../runtime/src/stream/sse-parser.js');
type BaseClient = BaseClientType;

const EVENTS_PER_ROUND = 200_000;
const ROUNDS = 5;
const RSS_EVENTS = 1_000_000;
const DOWNLOAD_BYTES = 1024 * 1024 * 1024;
/** RSS is sampled every this many items / bytes. */
const SAMPLE_EVERY = 10_000;

const serverSource = `
const { createServer } = require('node:http');
function event(i) { return 'id: ' + i + '\\ndata: {"i":' + i + ',"delta":"hello world","done":false}\\n\\n'; }
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const n = Number(url.searchParams.get('n'));
  if (url.pathname === '/sse') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let i = 0;
    const write = () => {
      while (i < n) {
        let chunk = '';
        for (let k = 0; k < 500 && i < n; k++) chunk += event(i++);
        if (!res.write(chunk)) return res.once('drain', write);
      }
      res.end();
    };
    write();
    return;
  }
  if (url.pathname === '/bytes') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n });
    const block = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    const write = () => {
      while (sent < n) {
        const part = Math.min(block.length, n - sent);
        sent += part;
        if (!res.write(part === block.length ? block : block.subarray(0, part))) return res.once('drain', write);
      }
      res.end();
    };
    write();
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ url: `http://127.0.0.1:${String(port)}`, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

const sseOp: OperationDescriptor = {
  id: 'sse',
  method: 'GET',
  path: '/sse',
  query: [{ name: 'n' }],
  response: 'stream',
  stream: { mediaType: 'text/event-stream' },
};
const bytesOp: OperationDescriptor = { id: 'bytes', method: 'GET', path: '/bytes', query: [{ name: 'n' }], response: 'binary' };

interface Item {
  i: number;
  delta: string;
}

/** The SDK: `for await` over typed items. */
async function sdkRound(client: BaseClient, n: number): Promise<number> {
  const started = performance.now();
  const stream = await client.request<Stream<Item>>(sseOp, [], { n });
  let sum = 0;
  for await (const item of stream) sum += item.i;
  if (sum !== (n * (n - 1)) / 2) throw new Error(`SDK read a wrong stream (sum ${sum})`);
  return n / ((performance.now() - started) / 1000);
}

/**
 * Raw undici with a minimal splitter: LF-only lines, `data: ` lines parsed as JSON, no BOM, CR,
 * comment, multi-line or retry handling: the least work that yields the items.
 */
async function rawRound(pool: Pool, n: number): Promise<number> {
  const started = performance.now();
  const { body } = await pool.request({ method: 'GET', path: `/sse?n=${n}`, headers: { accept: 'text/event-stream' } });
  const decoder = new TextDecoder();
  let carry = '';
  let sum = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    let end: number;
    while ((end = text.indexOf('\n', start)) !== -1) {
      if (text.startsWith('data: ', start)) sum += (JSON.parse(text.slice(start + 6, end)) as Item).i;
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (sum !== (n * (n - 1)) / 2) throw new Error(`raw read a wrong stream (sum ${sum})`);
  return n / ((performance.now() - started) / 1000);
}

/**
 * The same raw baseline, its items handed out one `next()` at a time through a minimal async
 * iterator, as any `for await` consumer of a stream gets them (one promise and one microtask per
 * item): the floor for an SDK stream, which the synchronous raw loop does not pay.
 */
async function rawIteratedRound(pool: Pool, n: number): Promise<number> {
  const started = performance.now();
  const { body } = await pool.request({ method: 'GET', path: `/sse?n=${n}`, headers: { accept: 'text/event-stream' } });
  let sum = 0;
  for await (const item of new SplitIterator((body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]())) sum += item.i;
  if (sum !== (n * (n - 1)) / 2) throw new Error(`raw iterated read a wrong stream (sum ${sum})`);
  return n / ((performance.now() - started) / 1000);
}

/** The minimal splitter as an async iterator: a chunk's `data: ` lines, parsed one per `next()`. */
class SplitIterator implements AsyncIterator<Item>, AsyncIterable<Item> {
  readonly #chunks: AsyncIterator<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #carry = '';
  #data: string[] = [];
  #next = 0;
  constructor(chunks: AsyncIterator<Uint8Array>) {
    this.#chunks = chunks;
  }
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this;
  }
  next(): Promise<IteratorResult<Item>> {
    if (this.#next < this.#data.length) return Promise.resolve({ done: false, value: JSON.parse(this.#data[this.#next++]!) as Item });
    return this.#fill();
  }
  async #fill(): Promise<IteratorResult<Item>> {
    this.#data.length = 0;
    this.#next = 0;
    while (this.#data.length === 0) {
      const r = await this.#chunks.next();
      if (r.done === true) return { done: true, value: undefined };
      const text = this.#carry + this.#decoder.decode(r.value, { stream: true });
      let start = 0;
      let end: number;
      while ((end = text.indexOf('\n', start)) !== -1) {
        if (text.startsWith('data: ', start)) this.#data.push(text.slice(start + 6, end));
        start = end + 1;
      }
      this.#carry = text.slice(start);
    }
    return { done: false, value: JSON.parse(this.#data[this.#next++]!) as Item };
  }
}

function rssMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** Peak RSS growth (MB) while consuming `RSS_EVENTS` items. */
async function sseRss(client: BaseClient): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = rssMb();
  let peak = before;
  const stream = await client.request<Stream<Item>>(sseOp, [], { n: RSS_EVENTS });
  let count = 0;
  for await (const _ of stream) {
    if (++count % SAMPLE_EVERY === 0) peak = Math.max(peak, rssMb());
  }
  if (count !== RSS_EVENTS) throw new Error(`read ${count} events`);
  return peak - before;
}

/** Peak RSS growth (MB) while reading a 1 GB body through `.asResponse()`. */
async function downloadRss(client: BaseClient): Promise<{ growth: number; mbPerSecond: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = rssMb();
  let peak = before;
  const started = performance.now();
  const response = await client.request(bytesOp, [], { n: DOWNLOAD_BYTES }).asResponse();
  const reader = response.body!.getReader();
  let total = 0;
  let next = SAMPLE_EVERY * 100;
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    total += r.value.byteLength;
    if (total >= next) {
      peak = Math.max(peak, rssMb());
      next += SAMPLE_EVERY * 100;
    }
  }
  if (total !== DOWNLOAD_BYTES) throw new Error(`downloaded ${total} bytes`);
  return { growth: peak - before, mbPerSecond: DOWNLOAD_BYTES / (1024 * 1024) / ((performance.now() - started) / 1000) };
}

/** The same 1 GB read straight from undici's body, for scale: what GC slack alone costs. */
async function rawDownloadRss(pool: Pool): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = rssMb();
  let peak = before;
  const { body } = await pool.request({ method: 'GET', path: `/bytes?n=${DOWNLOAD_BYTES}` });
  let total = 0;
  let next = SAMPLE_EVERY * 100;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total >= next) {
      peak = Math.max(peak, rssMb());
      next += SAMPLE_EVERY * 100;
    }
  }
  if (total !== DOWNLOAD_BYTES) throw new Error(`downloaded ${total} bytes`);
  return peak - before;
}

/** Events in the parser-only text, and rounds of each parser (alternating; the best round counts). */
const PARSER_EVENTS = 100_000;
const PARSER_ROUNDS = 15;

/**
 * Parser only, on decoded text in memory (16 KiB chunks, no JSON): our parser and
 * `eventsource-parser` (each handing every event on as an object, as the runtime needs it) against
 * the minimal splitter (which only counts `data: ` lines).
 */
function parserSpeed(): { ours: number; library: number; minimal: number } {
  let text = '';
  for (let i = 0; i < PARSER_EVENTS; i++) text += `id: ${i}\ndata: {"i":${i},"delta":"hello world","done":false}\n\n`;
  // Chunks as the runtime hands them to a parser: 16 KiB of bytes through a streaming TextDecoder.
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 16 * 1024) chunks.push(decoder.decode(bytes.subarray(i, i + 16 * 1024), { stream: true }));
  // Feeds every chunk, counting (and dropping) the events each one completes.
  const countEvents = (feed: (chunk: string) => void, out: unknown[]): number => {
    let count = 0;
    for (const c of chunks) {
      feed(c);
      count += out.length;
      out.length = 0;
    }
    return count;
  };
  const parsers: Record<'ours' | 'library' | 'minimal', () => number> = {
    ours: () => {
      const out: StreamEvent[] = [];
      const parser = new SseParser(out);
      return countEvents((c) => parser.feed(c), out);
    },
    library: () => {
      const out: unknown[] = [];
      const parser = createParser({ onEvent: (e) => void out.push(e) });
      return countEvents((c) => parser.feed(c), out);
    },
    minimal: () => {
      let count = 0;
      let carry = '';
      for (const c of chunks) {
        const t = carry + c;
        let start = 0;
        let end: number;
        while ((end = t.indexOf('\n', start)) !== -1) {
          if (t.startsWith('data: ', start)) count++;
          start = end + 1;
        }
        carry = t.slice(start);
      }
      return count;
    },
  };
  const best = { ours: Infinity, library: Infinity, minimal: Infinity };
  for (let r = 0; r < PARSER_ROUNDS; r++) {
    for (const name of ['ours', 'library', 'minimal'] as const) {
      const started = performance.now();
      const count = parsers[name]();
      if (count !== PARSER_EVENTS) throw new Error(`${name} parsed ${count} events`);
      best[name] = Math.min(best[name], performance.now() - started);
    }
  }
  const rate = (ms: number): number => PARSER_EVENTS / (ms / 1000);
  return { ours: rate(best.ours), library: rate(best.library), minimal: rate(best.minimal) };
}

export async function benchStreams(): Promise<Record<string, number>> {
  const server = await startServer();
  const client = new BaseClient({ baseUrl: server.url, transport: 'undici', maxRetries: 0, timeout: 120_000 }, {});
  const pool = new Pool(server.url);
  try {
    // RSS first, after one short round: the throughput rounds would have grown the heap already and
    // hide what a fresh process spends.
    await sdkRound(client, 20_000);
    const sseGrowth = await sseRss(client);
    // Warm up every path with a full round (the SDK's got the RSS run too).
    await sdkRound(client, EVENTS_PER_ROUND);
    await rawRound(pool, EVENTS_PER_ROUND);
    await rawIteratedRound(pool, EVENTS_PER_ROUND);
    let sdk = 0;
    let raw = 0;
    let rawIterated = 0;
    for (let r = 0; r < ROUNDS; r++) {
      sdk = Math.max(sdk, await sdkRound(client, EVENTS_PER_ROUND));
      raw = Math.max(raw, await rawRound(pool, EVENTS_PER_ROUND));
      rawIterated = Math.max(rawIterated, await rawIteratedRound(pool, EVENTS_PER_ROUND));
    }
    console.log(`SSE items/s: SDK ${Math.round(sdk)}, raw undici + minimal splitter ${Math.round(raw)} -> ${(sdk / raw).toFixed(2)}x (target >= 0.8x)`);
    console.log(
      `  floor: raw undici + minimal splitter handing items out through a bare async iterator ${Math.round(rawIterated)} (${(rawIterated / raw).toFixed(2)}x of raw) -> SDK ${(sdk / rawIterated).toFixed(2)}x of it`,
    );
    console.log(`RSS growth consuming ${RSS_EVENTS} SSE events: ${sseGrowth.toFixed(1)} MB (target < 50 MB)`);
    const download = await downloadRss(client);
    const rawDownload = await rawDownloadRss(pool);
    console.log(
      `RSS growth downloading 1 GB through asResponse(): ${download.growth.toFixed(1)} MB at ${Math.round(download.mbPerSecond)} MB/s (target < 50 MB); raw undici body: ${rawDownload.toFixed(1)} MB`,
    );
    const parser = parserSpeed();
    console.log(
      `parser only: ours ${Math.round(parser.ours)} events/s, eventsource-parser ${Math.round(parser.library)}, minimal splitter ${Math.round(parser.minimal)} -> ours ${(parser.ours / parser.minimal).toFixed(2)}x, eventsource-parser ${(parser.library / parser.minimal).toFixed(2)}x of the splitter; ours ${(parser.ours / parser.library).toFixed(2)}x eventsource-parser`,
    );
    return {
      sseItemsPerSecondRatio: sdk / raw,
      sdkItemsPerSecond: Math.round(sdk),
      rawItemsPerSecond: Math.round(raw),
      rawIteratedItemsPerSecond: Math.round(rawIterated),
      sseVsIteratedFloorRatio: sdk / rawIterated,
      sseRssGrowthMb: sseGrowth,
      downloadRssGrowthMb: download.growth,
      downloadMbPerSecond: Math.round(download.mbPerSecond),
      rawDownloadRssGrowthMb: rawDownload,
      parserVsMinimalSplitter: parser.ours / parser.minimal,
      eventsourceParserVsMinimalSplitter: parser.library / parser.minimal,
      parserVsEventsourceParser: parser.ours / parser.library,
    };
  } finally {
    await client.close();
    await pool.close();
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchStreams();
}
