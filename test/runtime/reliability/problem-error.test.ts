/**
 * `ProblemError` (DESIGN.md section 3's import list): `instanceof` holds for any ApiError whose body
 * parsed as problem details, whatever its status subclass, and narrows `problem` to present.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  BaseClient,
  NotFoundError,
  ProblemError,
  RateLimitError,
  TimeoutError,
  type OperationDescriptor,
  type ProblemDetails,
} from '@sdkgen/runtime';
import { sendJson, startServer, type TestServer } from '../../support/server.js';

const getThing = { id: 'getThing', method: 'GET', path: '/things/{id}', pathParams: [{ name: 'id' }] } as const satisfies OperationDescriptor;

let server: TestServer;
let client: BaseClient;

beforeAll(async () => {
  server = await startServer();
  server.route('GET', '/things/problem', (_req, res) => {
    sendJson(res, 404, { type: 'https://example.test/probs/missing', title: 'No such thing', status: 404 }, { 'content-type': 'application/problem+json' });
  });
  server.route('GET', '/things/plain', (_req, res) => sendJson(res, 404, { message: 'nope' }));
  server.route('GET', '/things/limited', (_req, res) => {
    sendJson(res, 429, { type: 'about:blank', title: 'Slow down', detail: 'quota' }, { 'content-type': 'application/problem+json', 'x-should-retry': 'false' });
  });
  client = new BaseClient({ baseUrl: server.url, maxRetries: 0, transport: 'undici' }, {});
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function failure(id: string): Promise<unknown> {
  try {
    await client.request(getThing, [id], undefined);
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('ProblemError', () => {
  it('matches an ApiError with a problem+json body, keeping its status subclass', async () => {
    const error = await failure('problem');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ProblemError);
    if (!(error instanceof ProblemError)) throw new Error('unreachable');
    expectTypeOf(error.problem).toEqualTypeOf<ProblemDetails>();
    expect(error.problem.title).toBe('No such thing');
  });

  it('matches other statuses too', async () => {
    const error = await failure('limited');
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ProblemError);
  });

  it('does not match an ApiError whose body is not problem details', async () => {
    const error = await failure('plain');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ProblemError);
  });

  it('does not match errors without a response or non-errors', () => {
    expect(new TimeoutError('slow')).not.toBeInstanceOf(ProblemError);
    expect({ problem: { type: 'x' } }).not.toBeInstanceOf(ProblemError);
    expect(null).not.toBeInstanceOf(ProblemError);
  });
});
