/**
 * Webhook verification throughput: `unwrapWebhook` (WebCrypto HMAC, runs anywhere) against the
 * `standardwebhooks` reference package's `Webhook.verify` (pure-JS HMAC), on the same Standard
 * Webhooks deliveries. Both verify the signature and the timestamp, then parse the JSON body.
 *
 * Sizes: a typical 1 KB event and a 64 KB one; one delivery at a time, and 16 in flight (a webhook
 * endpoint under load: WebCrypto's HMAC is asynchronous, Node runs it on its thread pool, so
 * concurrent verifications overlap; the package's synchronous HMAC cannot). The two sides run in
 * alternating batches so both see the same machine load; the figure is the ratio of verifications
 * per second (ours / theirs, higher is better, target >= 1.0).
 *
 * Run alone: `npm run bench -- webhooks` or `node --import tsx bench/webhooks.ts`.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { unwrapWebhook } from '../runtime/src/index.js';

/** Verifications per timed batch; sides alternate batch by batch. */
const BATCH = 200;
const ROUNDS = 20;

function payload(bytes: number): string {
  const items: { id: string; name: string; note: string }[] = [];
  let text = '';
  for (let i = 0; text.length < bytes; i++) {
    items.push({ id: `pet_${i}`, name: `Pet number ${i}`, note: 'x'.repeat(40) });
    text = JSON.stringify({ type: 'pet.adopted', data: { items } });
  }
  return text;
}

/** Deliveries in flight in the concurrent runs. */
const CONCURRENCY = 16;

async function timeBatch(call: () => unknown, concurrency = 1): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < BATCH; i += concurrency) {
    if (concurrency === 1) await call();
    else await Promise.all(Array.from({ length: concurrency }, () => call()));
  }
  return performance.now() - start;
}

async function compare(label: string, bytes: number, concurrency: number): Promise<{ ours: number; theirs: number; ratio: number }> {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const body = payload(bytes);
  const wh = new Webhook(secret);
  const id = 'msg_bench';
  const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': '' };
  headers['webhook-signature'] = wh.sign(id, new Date(Number(headers['webhook-timestamp']) * 1000), body);
  // Both must accept the delivery, or the comparison means nothing.
  const a = JSON.stringify(await unwrapWebhook(body, headers, { secret }));
  const b = JSON.stringify(wh.verify(body, headers));
  if (a !== b) throw new Error('the two verifiers disagree');
  // Warm-up.
  await timeBatch(() => unwrapWebhook(body, headers, { secret }));
  await timeBatch(() => wh.verify(body, headers));
  let ours = 0;
  let theirs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    ours += await timeBatch(() => unwrapWebhook(body, headers, { secret }), concurrency);
    theirs += await timeBatch(() => wh.verify(body, headers), concurrency);
  }
  const n = BATCH * ROUNDS;
  const result = { ours: Math.round((n / ours) * 1000), theirs: Math.round((n / theirs) * 1000), ratio: theirs / ours };
  console.log(
    `${label.padEnd(6)} ${String(concurrency).padStart(2)} in flight  unwrapWebhook ${String(result.ours).padStart(7)}/s   standardwebhooks ${String(result.theirs).padStart(7)}/s   ratio ${result.ratio.toFixed(2)}x (target >= 1.0)`,
  );
  return result;
}

export async function benchWebhooks(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const [label, key, bytes] of [['1 KB', 'small', 1024], ['64 KB', 'large', 64 * 1024]] as const) {
    for (const concurrency of [1, CONCURRENCY]) {
      const r = await compare(label, bytes, concurrency);
      const name = `${key}${concurrency === 1 ? 'Sequential' : 'Concurrent'}`;
      figures[`${name}OursPerSec`] = r.ours;
      figures[`${name}TheirsPerSec`] = r.theirs;
      figures[`${name}Ratio`] = r.ratio;
    }
  }
  return figures;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchWebhooks());
}
