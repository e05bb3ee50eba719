/**
 * Pagination at scale: 1,000,000 items (1,000 pages of 1,000) iterated with `for await` from a
 * loopback server, through `BaseClient.requestPage` (the path generated list methods take, so
 * retries, idempotency and the ETag cache are in the loop). Prints items/s, the same pages fetched
 * with raw undici + `JSON.parse` as a baseline (the ratio is what travels between machines), and heap
 * growth, which must stay flat: only the current page is held, so retained growth stays far below
 * 50 MB however many pages there are.
 *
 * The server runs in a worker thread so it does not share the client's event loop. Heap is sampled
 * after a forced GC every 50 pages (retained growth), and without forcing (peak, garbage included).
 *
 * Run alone: `node --import tsx bench/pagination.ts`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { BaseClient, type OperationDescriptor } from '../runtime/src/index.js';

const PAGES = 1000;
const PAGE_SIZE = 1000;
const SAMPLE_EVERY = 50;
/** Retained heap growth above this fails the run. */
const MAX_GROWTH_MB = 50;

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const PAGES = ${PAGES}, PAGE_SIZE = ${PAGE_SIZE};
const server = createServer((req, res) => {
  const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
  const page = cursor === null ? 0 : Number(cursor.slice(1));
  const parts = [];
  for (let i = 0; i < PAGE_SIZE; i++) {
    const n = page * PAGE_SIZE + i;
    parts.push('{"id":"pet_' + n + '","name":"Pet ' + n + '","age":' + (n % 20) + '}');
  }
  const next = page + 1 < PAGES ? '"p' + (page + 1) + '"' : 'null';
  const body = '{"data":[' + parts.join(',') + '],"next_cursor":' + next + '}';
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

const listPets: OperationDescriptor = {
  id: 'listPets',
  method: 'GET',
  path: '/pets',
  query: [{ name: 'limit' }, { name: 'cursor' }],
  response: 'json',
  pagination: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' },
};

interface Pet {
  id: string;
  name: string;
  age: number;
}

function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

export async function benchPagination(): Promise<Record<string, number>> {
  const gc = forceGc();
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // Baseline: the same pages with raw undici and JSON.parse, no SDK.
    const pool = new Pool(baseUrl, { connections: 1 });
    let rawItems = 0;
    const rawStart = performance.now();
    for (let cursor: string | null = null, page = 0; page < PAGES; page++) {
      const res = await pool.request({ method: 'GET', path: cursor === null ? '/pets?limit=1000' : `/pets?limit=1000&cursor=${cursor}` });
      const body = JSON.parse(await res.body.text()) as { data: Pet[]; next_cursor: string | null };
      for (const item of body.data) if (item.id !== '') rawItems++;
      cursor = body.next_cursor;
      if (cursor === null) break;
    }
    const rawMs = performance.now() - rawStart;
    await pool.close();

    const client = new BaseClient({ baseUrl, transport: 'undici' }, {});
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let retainedMax = 0;
    let peak = 0;
    let items = 0;
    let pages = 0;
    let lastId = '';
    const start = performance.now();
    for await (const page of client.requestPage<Pet, { limit: number }>(listPets, [], { limit: PAGE_SIZE }).pages()) {
      pages++;
      for (const pet of page.data) {
        items++;
        lastId = pet.id;
      }
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      if (pages % SAMPLE_EVERY === 0) {
        gc();
        retainedMax = Math.max(retainedMax, process.memoryUsage().heapUsed - baseline);
      }
    }
    const sdkMs = performance.now() - start;
    // The same 1,000,000 items again through the item iterator (`for await (const pet of ...)`).
    const itemStart = performance.now();
    let iterated = 0;
    for await (const pet of client.requestPage<Pet, { limit: number }>(listPets, [], { limit: PAGE_SIZE })) if (pet.id !== '') iterated++;
    const itemMs = performance.now() - itemStart;
    await client.close();

    if (items !== PAGES * PAGE_SIZE || iterated !== items || rawItems !== items || lastId !== `pet_${items - 1}`) {
      throw new Error(`expected ${PAGES * PAGE_SIZE} items, got pages() ${items}, items ${iterated}, raw ${rawItems}`);
    }
    const retainedMb = retainedMax / MB;
    const result = {
      items,
      pages,
      itemsPerSecond: Math.round(items / (itemMs / 1000)),
      pagesLoopItemsPerSecond: Math.round(items / (sdkMs / 1000)),
      rawItemsPerSecond: Math.round(rawItems / (rawMs / 1000)),
      sdkOverRawTime: itemMs / rawMs,
      heapRetainedGrowthMb: retainedMb,
      heapPeakGrowthMb: peak / MB,
    };
    console.log(`for await (items): ${result.itemsPerSecond.toLocaleString('en-US')} items/s (${(itemMs / 1000).toFixed(2)} s for ${items.toLocaleString('en-US')} items, ${pages} pages)`);
    console.log(`.pages() loop:     ${result.pagesLoopItemsPerSecond.toLocaleString('en-US')} items/s`);
    console.log(`raw undici+parse:  ${result.rawItemsPerSecond.toLocaleString('en-US')} items/s (SDK takes ${result.sdkOverRawTime.toFixed(2)}x the raw time)`);
    console.log(`heap growth:       ${retainedMb.toFixed(1)} MB retained (max after GC, sampled every ${SAMPLE_EVERY} pages), ${result.heapPeakGrowthMb.toFixed(1)} MB peak incl. garbage`);
    if (retainedMb >= MAX_GROWTH_MB) throw new Error(`heap grew by ${retainedMb.toFixed(1)} MB (limit ${MAX_GROWTH_MB} MB): pages are being retained`);
    return result;
  } finally {
    await worker.terminate();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchPagination();
}
