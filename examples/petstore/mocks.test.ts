/**
 * The example SDK tested the way its users would: MSW serves the generated mocks, requests go
 * through the real runtime (retries, pagination, problem errors), and the resolver types are
 * checked by `tsc` (`expectTypeOf`, `@ts-expect-error`).
 */
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  ConnectionError,
  NotFoundError,
  OperationFailedError,
  PetStore,
  UnprocessableEntityError,
  unwrapWebhook,
  WebhookVerificationError,
  type CreateReportStatus,
} from './sdk/index.js';
import {
  handlers,
  mockCreatePet,
  mockCreateReport,
  mockGetPet,
  mockListPets,
  mockUpdatePet,
  problem,
  signWebhook,
  type GetPetMock,
  type ListPetsMock,
} from './sdk/mocks.js';

const BASE = 'http://api.test';
const server = setupServer(...handlers({ baseUrl: BASE }));

// Created before `server.listen()`: the default `transport: 'auto'` decides per request, so MSW still sees it.
const client = new PetStore({ baseUrl: BASE, apiKey: 'test-key' });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('default handlers', () => {
  it('answer every call with data shaped like the schema', async () => {
    const pet = await client.pets.get('pet_1');
    expect(pet).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      species: 'dog',
      tag: expect.any(String),
      ownerId: expect.any(String),
      createdAt: '2024-01-01T00:00:00Z',
    });
    const owners = await client.owners.list();
    expect(owners[0]?.email).toBe('user@example.com');
  });

  it('paginate, so for await walks several pages and stops', async () => {
    const names: string[] = [];
    for await (const pet of client.pets.list({ limit: 2 })) names.push(pet.name);
    expect(names.length).toBe(3);
  });

  it('intercept an explicit fetch transport too', async () => {
    const viaFetch = new PetStore({ baseUrl: BASE, transport: 'fetch' });
    expect((await viaFetch.pets.get('pet_1')).species).toBe('dog');
  });
});

describe('overrides', () => {
  it('an override answers with typed data built from the typed request', async () => {
    server.use(
      mockGetPet(({ params }) => ({ id: params.petId, name: 'Rex', species: 'dog', createdAt: '2024-05-01T00:00:00Z' })),
    );
    expect(await client.pets.get('pet_42')).toEqual({ id: 'pet_42', name: 'Rex', species: 'dog', createdAt: '2024-05-01T00:00:00Z' });
  });

  it('sees the query converted to its schema type', async () => {
    const seen: unknown[] = [];
    server.use(
      mockListPets(({ query }) => {
        seen.push(query);
        return { data: [], next_cursor: null };
      }),
    );
    await client.pets.list({ limit: 5, species: 'cat' });
    expect(seen).toEqual([{ limit: 5, species: 'cat' }]);
  });

  it('sees the decoded body and declared headers', async () => {
    const seen: unknown[] = [];
    server.use(
      mockUpdatePet(({ body, headers, params }) => {
        seen.push({ body, headers });
        return { id: params.petId, name: body.name ?? 'unchanged', species: 'cat', createdAt: '2024-01-01T00:00:00Z' };
      }),
    );
    const pet = await client.pets.update('pet_1', { name: 'Max', 'If-Match': '"v7"' });
    expect(pet.name).toBe('Max');
    expect(seen).toEqual([{ body: { name: 'Max' }, headers: { 'If-Match': '"v7"' } }]);
  });

  it('problem() becomes the typed error with its problem details', async () => {
    server.use(mockGetPet(({ params }) => problem(404, { title: 'No such pet', detail: `No pet ${params.petId}` })));
    const error = await client.pets.get('pet_404').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).problem).toMatchObject({ status: 404, title: 'No such pet', detail: 'No pet pet_404' });
  });

  it('a 422 problem with extension members', async () => {
    server.use(mockCreatePet(() => problem(422, { title: 'Invalid pet', errors: [{ field: 'name', message: 'empty' }] })));
    const error = await client.pets.create({ name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).problem?.['errors']).toEqual([{ field: 'name', message: 'empty' }]);
  });

  it('a mocked 503 is retried, then the default handler answers', async () => {
    let attempts = 0;
    server.use(
      mockGetPet(
        () => {
          attempts++;
          return problem(503, { title: 'Down for maintenance' }, { headers: { 'retry-after': '0' } });
        },
        { once: true },
      ),
    );
    const pet = await client.pets.get('pet_1');
    expect(attempts).toBe(1);
    expect(pet.species).toBe('dog');
  });

  it('a POST with an idempotency key is retried with the same key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      mockCreatePet(({ request, body }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) return problem(503, {}, { headers: { 'retry-after': '0' } });
        return { id: 'pet_9', name: body.name, species: 'bird', createdAt: '2024-01-01T00:00:00Z' };
      }),
    );
    const pet = await client.pets.create({ name: 'Tweety' });
    expect(pet.id).toBe('pet_9');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('HttpResponse.error() is a network error, surfaced after retries', async () => {
    let attempts = 0;
    server.use(
      mockGetPet(() => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    const oneRetry = new PetStore({ baseUrl: BASE, maxRetries: 1 });
    await expect(oneRetry.pets.get('pet_1')).rejects.toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(2);
  });

  it('an unmocked URL fails loudly with onUnhandledRequest: error', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const elsewhere = new PetStore({ baseUrl: 'http://unmocked.test', maxRetries: 0 });
      await expect(elsewhere.pets.get('pet_1')).rejects.toBeInstanceOf(ConnectionError);
      expect(printed.mock.calls.map((args) => args.join(' ')).join('\n')).toMatch(/without a matching request handler[\s\S]*GET http:\/\/unmocked\.test\/pets\/pet_1/);
    } finally {
      printed.mockRestore();
    }
  });
});

describe('resolver types', () => {
  it('are the operation params and bodies', () => {
    expectTypeOf<GetPetMock['params']>().toEqualTypeOf<{ petId: string }>();
    expectTypeOf<ListPetsMock['query']>().toEqualTypeOf<{ limit?: number; cursor?: string; species?: 'dog' | 'cat' | 'bird' | 'fish' }>();
    mockGetPet(({ params, body, request }) => {
      expectTypeOf(params.petId).toEqualTypeOf<string>();
      expectTypeOf(body).toEqualTypeOf<undefined>();
      expectTypeOf(request).toEqualTypeOf<Request>();
      return problem(500);
    });
    mockUpdatePet(({ body, headers }) => {
      expectTypeOf(body.name).toEqualTypeOf<string | undefined>();
      expectTypeOf(headers['If-Match']).toEqualTypeOf<string | undefined>();
      return problem(500);
    });
  });

  it('reject a wrong body shape at compile time (the mock itself sends what it is given)', async () => {
    // @ts-expect-error `next_cursor` is required on a page.
    mockListPets(() => ({ data: [] }));
    // @ts-expect-error `species` is an enum.
    mockGetPet(() => ({ id: 'p', name: 'Rex', species: 'lion', createdAt: '2024-01-01T00:00:00Z' }));
    // @ts-expect-error `id` must be a string and `name`, `species`, `createdAt` are required.
    server.use(mockGetPet(() => ({ id: 1 })));
    expect(await client.pets.get('pet_1')).toEqual({ id: 1 });
  });
});

describe('long-running operations and webhooks', () => {
  it('a long-running operation answers 202, then a status that completes after two polls', async () => {
    const op = await client.reports.create({ range: '2026-Q1' });
    expect(op.status.status).toBe('PENDING');
    const seen: string[] = [];
    const final = await op.wait({ onProgress: (s) => seen.push(`${s.status} ${s.progress}`) });
    expect(seen).toEqual(['PENDING 50', 'COMPLETED 100']);
    expect(final.status).toBe('COMPLETED');
    // The final status links to the result, which the default getReport handler serves.
    expect(final.result_url).toBe(`${BASE}/reports/result_1`);
    const report = await op.result();
    expect(report).toEqual({ id: expect.any(String), range: expect.any(String), pets: expect.any(Number), createdAt: expect.any(String), bySpecies: expect.anything() });
  });

  it('mock<Op> scripts the statuses, here a failure', async () => {
    const statuses: CreateReportStatus[] = [
      { id: 'op_x', status: 'IN_PROGRESS', progress: 10 },
      { id: 'op_x', status: 'FAILED', error: { code: 'QUOTA', message: 'Too many reports' } },
    ];
    server.use(mockCreateReport(({ body }) => ({ id: 'op_x', status: 'PENDING', reportId: `rep_${body.range}` }), { statuses }));
    const op = await client.reports.create({ range: 'Q9' });
    expect(op.status).toEqual({ id: 'op_x', status: 'PENDING', reportId: 'rep_Q9' });
    const error = await op.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect((error as OperationFailedError<CreateReportStatus>).operation.error?.code).toBe('QUOTA');
  });

  it('cancel() reaches the mocked status resource', async () => {
    const op = await client.reports.create({ range: 'Q1' });
    await op.cancel();
    await expect(op.wait()).rejects.toBeInstanceOf(OperationFailedError);
    expect(op.status.status).toBe('canceled');
  });

  it('signWebhook signs deliveries unwrapWebhook accepts, typed by the spec', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signed = await signWebhook({ id: 'evt_1', type: 'pet.adopted', data: { petId: 'pet_1', ownerId: 'owner_1' } }, { secret });
    const event = await unwrapWebhook(signed.body, signed.headers, { secret });
    expect(event.type === 'pet.adopted' ? event.data.ownerId : undefined).toBe('owner_1');
    const tampered = await unwrapWebhook(signed.body.replace('owner_1', 'owner_2'), signed.headers, { secret }).catch((e: unknown) => e);
    expect((tampered as WebhookVerificationError).reason).toBe('signature');
    // @ts-expect-error not one of the spec's webhook payloads
    await signWebhook({ type: 'pet.adopted' }, { secret });
  });
});
