/**
 * A small, real HTTP server implementing examples/petstore/openapi.yaml in memory, for the example
 * app and tests. Start it on port 0 and point the SDK's `baseUrl` at `url`.
 *
 * It behaves like a careful production API: problem+json errors (RFC 9457), ETags with
 * `If-None-Match` (304) and `If-Match` (412), idempotent creates via `Idempotency-Key`, cursor
 * pagination, API-key or bearer authentication. It can also misbehave on request (`failNext`,
 * `dropNextResponse`), to show the SDK's retries and idempotency keys at work.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Pet {
  id: string;
  name: string;
  species: 'dog' | 'cat' | 'bird' | 'fish';
  tag: string | null;
  ownerId: string | null;
  createdAt: string;
}

export interface Owner {
  id: string;
  name: string;
  email: string;
}

export interface PetStoreServer {
  /** Base URL including the `/v1` prefix, e.g. `http://127.0.0.1:43210/v1`. */
  url: string;
  /** Requests seen, as `METHOD /path?query`, for tests. */
  requests: string[];
  /** `notModified`: 304s sent; `replayed`: creates answered from the idempotency store; `tokensIssued`: OAuth tokens. */
  stats: { notModified: number; replayed: number; tokensIssued: number };
  /** The next request gets `status` with `Retry-After` / `retry-after-ms`, as an overloaded API would. */
  failNext(status: 429 | 503, retryAfterMs: number): void;
  /** The next request is carried out, but its response is lost: the connection drops instead. */
  dropNextResponse(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Accepted `X-API-Key` values. @default ['test-key'] */
  apiKeys?: string[];
  /** Accepted bearer tokens. @default ['test-token'] */
  tokens?: string[];
  /** OAuth 2 clients (id -> secret) allowed the client-credentials grant. @default { 'petstore-partner': 'partner-secret' } */
  oauthClients?: Record<string, string>;
  /** Requests each credential may make per window (`X-RateLimit-*` headers). @default { limit: 1000, windowMs: 60_000 } */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * Where the store POSTs its webhooks (`report.ready`), signed with Standard Webhooks under
   * `webhookSecret` (base64 key, `whsec_` prefix). No webhooks are sent without it.
   */
  webhookUrl?: string;
  webhookSecret?: string;
}

const SPECIES = new Set(['dog', 'cat', 'bird', 'fish']);
const MAX_BODY_BYTES = 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

function etagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16)}"`;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

let problemCount = 0;

function sendProblem(res: ServerResponse, req: IncomingMessage, problem: HttpProblem): void {
  // Real APIs tag errors with a request id for support tickets; the SDK surfaces it as error.requestId.
  const requestId = `req_${String(++problemCount).padStart(4, '0')}`;
  const body = {
    type: `https://api.petstore.example/problems/${problem.status}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    instance: req.url ?? '/',
    ...problem.extra,
  };
  const text = JSON.stringify(body);
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'Payload too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(merge-patch\+)?json/.test(type)) throw new HttpProblem(415, 'Unsupported media type', `got ${type}`);
  const text = (await readBody(req)).toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new HttpProblem(400, 'Bad request', 'the body must be a JSON object');
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startPetStoreServer(options: ServerOptions = {}): Promise<PetStoreServer> {
  const apiKeys = new Set(options.apiKeys ?? ['test-key']);
  const tokens = new Set(options.tokens ?? ['test-token']);
  const pets = new Map<string, Pet>();
  const owners = new Map<string, Owner>();
  const photos = new Map<string, { bytes: Buffer; contentType: string }>();
  const idempotent = new Map<string, { status: number; body: unknown; headers?: Record<string, string> }>();
  const requests: string[] = [];
  const stats = { notModified: 0, replayed: 0, tokensIssued: 0 };
  let fault: { status: 429 | 503; retryAfterMs: number } | undefined;
  let dropResponse = false;
  let nextPet = 1;
  let nextOwner = 1;
  let clock = Date.UTC(2026, 0, 1);
  // Long-running report exports (issue 13): each poll of an operation moves it along.
  const operations = new Map<string, { id: string; reportId: string; range: string; polls: number; canceled: boolean }>();
  const reports = new Map<string, Record<string, unknown>>();
  let nextOperation = 1;

  function authorize(req: IncomingMessage): void {
    const key = req.headers['x-api-key'];
    const auth = req.headers.authorization;
    if (typeof key === 'string' && apiKeys.has(key)) return;
    if (typeof auth === 'string' && auth.startsWith('Bearer ') && tokens.has(auth.slice(7))) return;
    throw new HttpProblem(401, 'Unauthorized', 'send X-API-Key or Authorization: Bearer');
  }

  // --- OAuth 2 token endpoint and server signals (docs/auth.md, docs/signals.md) ---

  const oauthClients = new Map(Object.entries(options.oauthClients ?? { 'petstore-partner': 'partner-secret' }));
  const limits = options.rateLimit ?? { limit: 1000, windowMs: 60_000 };
  const used = new Map<string, number>();

  /** RFC 6749 section 4.4: client credentials, the client authenticated by HTTP Basic or by form fields. */
  async function issueToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = req.headers.authorization?.match(/^Basic (.+)$/);
    if (basic) {
      const [user = '', pass = ''] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      [id, secret] = [decodeURIComponent(user.replace(/\+/g, ' ')), decodeURIComponent(pass.replace(/\+/g, ' '))];
    }
    const oauthError = (status: number, error: string, description: string) =>
      sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'only client_credentials');
    if (id === null || secret === null || oauthClients.get(id) !== secret) return oauthError(401, 'invalid_client', 'unknown client or wrong secret');
    const token = `oat_${createHash('sha256').update(`${id}:${++stats.tokensIssued}`).digest('base64url').slice(0, 24)}`;
    tokens.add(token);
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') ?? 'pets:read' }, { 'cache-control': 'no-store' });
  }

  /** Rate-limit headers per credential; `GET /owners` is deprecated and says until when it works. */
  function announceSignals(req: IncomingMessage, res: ServerResponse, route: string): void {
    const who = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '');
    const window = Math.floor(clock / limits.windowMs);
    const count = (used.get(`${who}:${window}`) ?? 0) + 1;
    used.set(`${who}:${window}`, count);
    res.setHeader('x-ratelimit-limit', String(limits.limit));
    res.setHeader('x-ratelimit-remaining', String(Math.max(0, limits.limit - count)));
    res.setHeader('x-ratelimit-reset', String(Math.ceil((limits.windowMs - (clock % limits.windowMs)) / 1000)));
    if (route === 'GET /owners') {
      res.setHeader('deprecation', '@1767225600');
      res.setHeader('sunset', 'Fri, 01 Jan 2027 00:00:00 GMT');
      res.setHeader('link', '<https://api.petstore.example/docs/owners-search>; rel="deprecation"');
    }
  }

  // --- end OAuth 2 and server signals ---

  function findPet(id: string): Pet {
    const pet = pets.get(id);
    if (pet === undefined) throw new HttpProblem(404, 'Pet not found', `no pet with id ${id}`);
    return pet;
  }

  function validateName(value: unknown, required: boolean, errors: { field: string; message: string }[]): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.length === 0) errors.push({ field: 'name', message: 'must be a non-empty string' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (fault !== undefined) {
      const { status, retryAfterMs } = fault;
      fault = undefined;
      res.setHeader('retry-after-ms', String(retryAfterMs));
      res.setHeader('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      throw new HttpProblem(status, status === 429 ? 'Too many requests' : 'Service unavailable', 'try again shortly');
    }
    if (dropResponse) {
      dropResponse = false;
      // The work below happens; its response never arrives.
      res.end = (() => (req.socket.destroy(), res)) as typeof res.end;
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') return issueToken(req, res);
    if (!url.pathname.startsWith('/v1/')) throw new HttpProblem(404, 'Not found');
    const segments = url.pathname.slice(4).split('/').map(decodeURIComponent);
    authorize(req);
    const route = `${req.method} /${segments.map((s, i) => (i % 2 === 1 ? '{id}' : s)).join('/')}`;
    announceSignals(req, res, route);
    switch (route) {
      case 'GET /pets': {
        const limit = Number(url.searchParams.get('limit') ?? '20');
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HttpProblem(400, 'Bad request', 'limit must be 1..100');
        const species = url.searchParams.get('species');
        const all = [...pets.values()].filter((p) => species === null || p.species === species);
        const cursor = url.searchParams.get('cursor');
        const start = cursor === null ? 0 : all.findIndex((p) => p.id === cursor) + 1;
        const data = all.slice(start, start + limit);
        const last = data[data.length - 1];
        const more = start + limit < all.length;
        return sendJson(res, 200, { data, next_cursor: more && last !== undefined ? last.id : null });
      }
      case 'POST /pets': {
        const key = req.headers['idempotency-key'];
        const replay = typeof key === 'string' ? idempotent.get(key) : undefined;
        if (replay !== undefined) {
          stats.replayed++;
          return sendJson(res, replay.status, replay.body, { 'idempotent-replayed': 'true' });
        }
        const body = await readJson(req);
        const errors: { field: string; message: string }[] = [];
        validateName(body.name, true, errors);
        if (body.species !== undefined && !SPECIES.has(String(body.species))) errors.push({ field: 'species', message: 'unknown species' });
        if (errors.length > 0) throw new HttpProblem(422, 'Invalid pet', 'the request body is invalid', { errors });
        clock += 1000;
        const pet: Pet = {
          id: `pet_${nextPet++}`,
          name: body.name as string,
          species: (body.species as Pet['species'] | undefined) ?? 'dog',
          tag: typeof body.tag === 'string' ? body.tag : null,
          ownerId: typeof body.ownerId === 'string' ? body.ownerId : null,
          createdAt: new Date(clock).toISOString(),
        };
        pets.set(pet.id, pet);
        if (typeof key === 'string') idempotent.set(key, { status: 201, body: pet });
        return sendJson(res, 201, pet, { etag: etagOf(pet), location: `/v1/pets/${pet.id}` });
      }
      case 'GET /pets/{id}': {
        const pet = findPet(segments[1]!);
        const etag = etagOf(pet);
        if (req.headers['if-none-match'] === etag) {
          stats.notModified++;
          res.writeHead(304, { etag });
          return void res.end();
        }
        return sendJson(res, 200, pet, { etag });
      }
      case 'PATCH /pets/{id}': {
        const pet = findPet(segments[1]!);
        const ifMatch = req.headers['if-match'];
        if (ifMatch !== undefined && ifMatch !== etagOf(pet)) {
          throw new HttpProblem(412, 'Precondition failed', 'the pet changed since you read it');
        }
        const body = await readJson(req);
        const errors: { field: string; message: string }[] = [];
        validateName(body.name, false, errors);
        if (errors.length > 0) throw new HttpProblem(422, 'Invalid pet', 'the request body is invalid', { errors });
        const updated: Pet = { ...pet };
        if (typeof body.name === 'string') updated.name = body.name;
        if (body.tag !== undefined) updated.tag = typeof body.tag === 'string' ? body.tag : null;
        if (body.ownerId !== undefined) updated.ownerId = typeof body.ownerId === 'string' ? body.ownerId : null;
        pets.set(updated.id, updated);
        return sendJson(res, 200, updated, { etag: etagOf(updated) });
      }
      case 'DELETE /pets/{id}': {
        findPet(segments[1]!);
        pets.delete(segments[1]!);
        photos.delete(segments[1]!);
        res.writeHead(204);
        return void res.end();
      }
      case 'PUT /pets/{id}/photo': {
        const pet = findPet(segments[1]!);
        const bytes = await readBody(req);
        const contentType = req.headers['content-type'] ?? 'application/octet-stream';
        photos.set(pet.id, { bytes, contentType });
        return sendJson(res, 200, { petId: pet.id, size: bytes.length, contentType });
      }
      case 'GET /pets/{id}/photo': {
        const pet = findPet(segments[1]!);
        const photo = photos.get(pet.id);
        if (photo === undefined) throw new HttpProblem(404, 'Photo not found', `pet ${pet.id} has no photo`);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': photo.bytes.length });
        return void res.end(photo.bytes);
      }
      case 'POST /reports': {
        const key = req.headers['idempotency-key'];
        const replay = typeof key === 'string' ? idempotent.get(key) : undefined;
        if (replay !== undefined) {
          stats.replayed++;
          return sendJson(res, replay.status, replay.body, { 'idempotent-replayed': 'true', ...replay.headers });
        }
        const body = await readJson(req);
        if (typeof body.range !== 'string' || body.range === '') {
          throw new HttpProblem(422, 'Invalid report', 'the request body is invalid', { errors: [{ field: 'range', message: 'required' }] });
        }
        const n = nextOperation++;
        const operation = { id: `op_${n}`, reportId: `rep_${n}`, range: body.range, polls: 0, canceled: false };
        operations.set(operation.id, operation);
        const accepted = { id: operation.id, status: 'PENDING', progress: 0, reportId: operation.reportId, result_url: null };
        // A real export takes a while; this one asks for a poll every 10 ms.
        const headers = { location: `/v1/operations/${operation.id}`, 'retry-after-ms': '10' };
        if (typeof key === 'string') idempotent.set(key, { status: 202, body: accepted, headers });
        return sendJson(res, 202, accepted, headers);
      }
      case 'GET /operations/{id}':
      case 'DELETE /operations/{id}': {
        const operation = operations.get(segments[1]!);
        if (operation === undefined) throw new HttpProblem(404, 'Operation not found', `no operation with id ${segments[1]}`);
        if (req.method === 'DELETE') operation.canceled = true;
        const base = { id: operation.id, reportId: operation.reportId };
        if (operation.canceled) return sendJson(res, req.method === 'DELETE' ? 202 : 200, { ...base, status: 'CANCELED', progress: 0, result_url: null });
        operation.polls++;
        if (operation.polls < 3) {
          return sendJson(res, 200, { ...base, status: 'IN_PROGRESS', progress: operation.polls * 40, result_url: null }, { 'retry-after-ms': '10' });
        }
        if (!reports.has(operation.reportId)) {
          const bySpecies: Record<string, number> = {};
          for (const pet of pets.values()) bySpecies[pet.species] = (bySpecies[pet.species] ?? 0) + 1;
          clock += 1000;
          reports.set(operation.reportId, { id: operation.reportId, range: operation.range, pets: pets.size, bySpecies, createdAt: new Date(clock).toISOString() });
          await deliverWebhook({ id: `evt_${operation.id}`, type: 'report.ready', data: { reportId: operation.reportId, operationId: operation.id } });
        }
        return sendJson(res, 200, { ...base, status: 'COMPLETED', progress: 100, result_url: `/v1/reports/${operation.reportId}` });
      }
      case 'GET /reports/{id}': {
        const report = reports.get(segments[1]!);
        if (report === undefined) throw new HttpProblem(404, 'Report not found', `no report with id ${segments[1]}`);
        return sendJson(res, 200, report);
      }
      case 'GET /owners':
        return sendJson(res, 200, [...owners.values()]);
      case 'POST /owners': {
        const type = req.headers['content-type'] ?? '';
        if (!type.startsWith('application/x-www-form-urlencoded')) throw new HttpProblem(415, 'Unsupported media type', `got ${type}`);
        const form = new URLSearchParams((await readBody(req)).toString('utf8'));
        const name = form.get('name');
        const email = form.get('email');
        const errors: { field: string; message: string }[] = [];
        if (name === null || name === '') errors.push({ field: 'name', message: 'required' });
        if (email === null || !email.includes('@')) errors.push({ field: 'email', message: 'must be an email address' });
        if (errors.length > 0) throw new HttpProblem(422, 'Invalid owner', 'the form is invalid', { errors });
        const owner: Owner = { id: `owner_${nextOwner++}`, name: name!, email: email! };
        owners.set(owner.id, owner);
        return sendJson(res, 201, owner);
      }
      case 'GET /owners/{id}': {
        const owner = owners.get(segments[1]!);
        if (owner === undefined) throw new HttpProblem(404, 'Owner not found', `no owner with id ${segments[1]}`);
        return sendJson(res, 200, owner);
      }
      default:
        throw new HttpProblem(404, 'Not found', `no route for ${req.method} ${url.pathname}`);
    }
  }

  /**
   * POSTs `event` to `options.webhookUrl`, signed as Standard Webhooks specifies (HMAC-SHA256 of
   * `<id>.<timestamp>.<body>` under the base64 key), and waits for the receiver's answer.
   */
  async function deliverWebhook(event: { id: string; type: string; data: unknown }): Promise<void> {
    if (options.webhookUrl === undefined || options.webhookSecret === undefined) return;
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const key = Buffer.from(options.webhookSecret.replace(/^whsec_/, ''), 'base64');
    const signature = createHmac('sha256', key).update(`${event.id}.${timestamp}.${body}`).digest('base64');
    const target = new URL(options.webhookUrl);
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': event.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signature}`,
        },
      });
      // A receiver that is down does not fail the poll; real senders retry later.
      outgoing.on('response', (r) => r.resume().on('end', resolve));
      outgoing.on('error', () => resolve());
      outgoing.end(body);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal server error');
      // Drain what the client sent so the connection can be reused.
      req.resume();
      if (!res.headersSent) sendProblem(res, req, problem);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    stats,
    failNext: (status, retryAfterMs) => void (fault = { status, retryAfterMs }),
    dropNextResponse: () => void (dropResponse = true),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
