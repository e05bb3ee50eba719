/**
 * The example app: starts the in-memory pet store server, uses the generated SDK against it and
 * prints what happens. `npm run example` regenerates `./sdk` from `openapi.yaml` and runs this.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { startPetStoreServer, type PetStoreServer } from './server.js';
import {
  isProblem,
  NotFoundError,
  PetStore,
  Poller,
  PreconditionFailedError,
  unwrapWebhook,
  WebhookVerificationError,
  type CreatePetApiError,
  type CreateReportResult,
  type CreateReportStatus,
  type WebhookEvent,
} from './sdk/index.js';

/**
 * The app's webhook endpoint: verifies each delivery with `unwrapWebhook` (raw body, signature,
 * timestamp) before trusting it, answers 204, or 400 with the reason.
 */
async function startWebhookReceiver(secret: string): Promise<{ url: string; events: WebhookEvent[]; refused: string[]; server: Server }> {
  const events: WebhookEvent[] = [];
  const refused: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      unwrapWebhook(Buffer.concat(chunks), req.headers, { secret }).then(
        (event) => {
          events.push(event);
          res.writeHead(204).end();
        },
        (error: unknown) => {
          refused.push(error instanceof WebhookVerificationError ? error.reason : String(error));
          res.writeHead(400).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, events, refused, server };
}

/** Runs the tour; `log` receives every line it prints. */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const receiver = await startWebhookReceiver(webhookSecret);
  const server = await startPetStoreServer({ webhookUrl: receiver.url, webhookSecret });
  // The logger sees the SDK's debug lines (credentials redacted); the tour reports its retries.
  const retries: string[] = [];
  const logger = {
    debug(_message: string, data?: Record<string, unknown>): void {
      if (data?.['delay'] !== undefined) retries.push(`${String(data['operationId'])} in ${String(data['delay'])} ms (delay from the ${String(data['delayFrom'])})`);
    },
  };
  const client = new PetStore({ baseUrl: server.url, apiKey: 'test-key', logger });
  try {
    const rex = await client.pets.create({ name: 'Rex', species: 'dog', tag: 'good boy' });
    await client.pets.create({ name: 'Tom', species: 'cat' });
    await client.pets.create({ name: 'Tweety', species: 'bird' });
    log(`created ${rex.id} (${rex.name}, ${rex.species})`);

    const { data: pet, response } = await client.pets.get(rex.id).withResponse();
    const etag = response.headers.get('etag') ?? undefined;
    log(`got ${pet.id}: ${pet.name}, status ${response.status}, etag ${etag}`);

    const names: string[] = [];
    for await (const p of client.pets.list({ limit: 2 })) names.push(p.name);
    log(`listed ${names.length} pets two per page: ${names.join(', ')}`);

    const firstPage = await client.pets.list({ limit: 2 });
    log(`first page: ${firstPage.data.length} pets, more: ${firstPage.hasNextPage()}`);

    // Save the next page's params (the cursor) and resume later, e.g. in another process.
    const saved = firstPage.nextPageParams();
    if (saved !== null) {
      const rest: string[] = [];
      for await (const p of client.pets.list(saved)) rest.push(p.name);
      log(`resumed from cursor ${saved.cursor}: ${rest.join(', ')}`);
    }

    let pageCount = 0;
    for await (const page of client.pets.list({ limit: 2 }).pages()) pageCount += page.data.length > 0 ? 1 : 0;
    log(`page by page: ${pageCount} pages`);

    const max = await client.pets.update(rex.id, { name: 'Max' }, etag === undefined ? {} : { ifMatch: etag });
    log(`renamed ${max.id} to ${max.name}`);

    try {
      await client.pets.update(rex.id, { name: 'Stale' }, etag === undefined ? {} : { ifMatch: etag });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      log(`stale update refused: ${error.status} ${String((error.body as { title?: unknown }).title)}`);
    }

    const photo = await client.pets.uploadPhoto(rex.id, { body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    log(`uploaded a ${photo.size}-byte photo`);

    const owner = await client.owners.create({ body: { name: 'Ada', email: 'ada@example.com' } });
    log(`registered owner ${owner.id} (${owner.email})`);

    try {
      await client.pets.get('pet_404');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // RFC 9457 problem details, parsed from the application/problem+json body.
      log(`NotFoundError: status ${error.status}, problem "${error.problem?.title}" (${error.problem?.type}), request id ${error.requestId}`);
    }

    try {
      await client.pets.create({ name: '' });
    } catch (error) {
      // isProblem narrows by problem type; the per-operation error type gives the spec's problem schema.
      if (!isProblem(error, 'https://api.petstore.example/problems/422')) throw error;
      const problem = (error as CreatePetApiError).problem;
      const errors = problem !== undefined && 'errors' in problem ? (problem.errors ?? []) : [];
      log(`validation problem: ${error.problem.detail ?? error.problem.title} [${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}]`);
    }

    // ETag cache: the next read stores the pet with its ETag; the one after sends If-None-Match, the
    // server answers 304 and the SDK returns its stored copy instead of downloading the body again.
    const seen = server.stats.notModified;
    await client.pets.get(rex.id);
    const again = await client.pets.get(rex.id);
    log(`read ${again.name} again: ${server.stats.notModified - seen} x 304 Not Modified, body served from the ETag cache`);

    // Retries: an overloaded server says when to come back; the SDK waits that long, then retries.
    server.failNext(503, 250);
    const tom = await client.pets.get('pet_2');
    log(`got ${tom.name} after a 503: retried ${retries.splice(0).join(', ')}`);

    // Idempotency: the response to a create is lost in transit. The SDK retries with the same
    // Idempotency-Key, and the server replays the first result instead of creating a second pet.
    server.dropNextResponse();
    const replayedBefore = server.stats.replayed;
    const bella = await client.pets.create({ name: 'Bella', species: 'cat' });
    const cats: string[] = [];
    for await (const p of client.pets.list({ species: 'cat' })) cats.push(p.name);
    log(`created ${bella.name} through a lost response: ${server.stats.replayed - replayedBefore} replay, cats now ${cats.join(', ')}`);

    // Long-running operations: the export answers 202 + Location; the SDK polls it (Retry-After
    // paced), reports progress, and follows the result link to the typed report.
    const exportOp = await client.reports.create({ range: '2026-Q1' });
    log(`report export ${exportOp.status.id} started: ${exportOp.status.status}`);
    const progress: number[] = [];
    const final = await exportOp.wait({ onProgress: (s) => progress.push(s.progress ?? 0) });
    const report = await exportOp.result();
    log(`report ${final.status} after progress ${progress.join(' -> ')}: ${report.id} counts ${report.pets} pets`);

    // The store announced the finished export through a signed webhook; the receiver verified it.
    for (const event of receiver.events) {
      // The union narrows on its discriminator.
      if (event.type === 'report.ready') log(`webhook report.ready verified: report ${event.data.reportId} of ${event.data.operationId}`);
    }

    // A poller is plain JSON: save it, resume it later (another process, after a restart).
    const second = await client.reports.create({ range: '2026-Q2' });
    const savedOp = JSON.stringify(second);
    const resumed = Poller.resume<CreateReportStatus, CreateReportResult>(client, JSON.parse(savedOp));
    log(`resumed ${resumed.status.id} from ${savedOp.length} bytes of JSON: ${(await resumed.wait()).status}`);

    await partnerTour(server, log);

    await client.pets.delete(rex.id);
    log(`deleted ${rex.id}`);
  } finally {
    await client.close();
    await server.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  }
}

/**
 * A partner integration: OAuth 2 client credentials (the SDK fetches the token itself, once for
 * concurrent calls), the rate limit the server announces, and a deprecated operation's warning.
 * @see docs/auth.md, docs/signals.md
 */
async function partnerTour(server: PetStoreServer, log: (line: string) => void): Promise<void> {
  const deprecations: string[] = [];
  const partner = new PetStore({
    baseUrl: server.url,
    clientId: 'petstore-partner',
    clientSecret: 'partner-secret',
    scopes: ['pets:read'],
    onDeprecation: (info) => deprecations.push(`${info.operation} until ${info.sunset?.toISOString().slice(0, 10)} (${info.link})`),
  });
  try {
    const issued = server.stats.tokensIssued;
    const [tom, page, tweety] = await Promise.all([partner.pets.get('pet_2'), partner.pets.list({ limit: 1 }), partner.pets.get('pet_3')]);
    log(`partner read ${tom.name}, ${page.data[0]?.name} and ${tweety.name} at once with ${server.stats.tokensIssued - issued} token request`);

    const { response } = await partner.pets.get('pet_2').withResponse();
    log(`rate limit: ${response.rateLimit?.remaining} of ${response.rateLimit?.limit} requests left in this window`);

    await partner.owners.list();
    await partner.owners.list();
    log(`deprecated: ${deprecations.join('; ')}`);
  } finally {
    await partner.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
