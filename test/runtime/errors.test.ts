import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  makeApiError,
  NotFoundError,
  PermissionDeniedError,
  PreconditionFailedError,
  RateLimitError,
  SdkError,
  TimeoutError,
  UnprocessableEntityError,
} from '@sdkgen/runtime';

function init(status: number, body: unknown = undefined, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), body, rawBody: '', method: 'GET', url: 'http://h.test/pets/1?key=secret' };
}

describe('makeApiError', () => {
  const cases: { given: number; want: new (...a: never[]) => ApiError; name: string }[] = [
    { given: 400, want: BadRequestError, name: 'BadRequestError' },
    { given: 401, want: AuthenticationError, name: 'AuthenticationError' },
    { given: 403, want: PermissionDeniedError, name: 'PermissionDeniedError' },
    { given: 404, want: NotFoundError, name: 'NotFoundError' },
    { given: 409, want: ConflictError, name: 'ConflictError' },
    { given: 412, want: PreconditionFailedError, name: 'PreconditionFailedError' },
    { given: 422, want: UnprocessableEntityError, name: 'UnprocessableEntityError' },
    { given: 429, want: RateLimitError, name: 'RateLimitError' },
    { given: 500, want: InternalServerError, name: 'InternalServerError' },
    { given: 503, want: InternalServerError, name: 'InternalServerError' },
    { given: 418, want: ApiError, name: 'ApiError' },
    { given: 302, want: ApiError, name: 'ApiError' },
  ];
  it.each(cases)('$given -> $name', ({ given, want, name }) => {
    const error = makeApiError(init(given));
    expect(error).toBeInstanceOf(want);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(given);
    expect(ApiError.from(init(given)).constructor).toBe(error.constructor);
  });

  it('siblings are not instances of each other', () => {
    const error = makeApiError(init(404));
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(InternalServerError);
    expect(new TimeoutError('t')).not.toBeInstanceOf(ApiError);
    expect(new TimeoutError('t')).not.toBeInstanceOf(ConnectionError);
    expect(new Error('x')).not.toBeInstanceOf(SdkError);
    const nothing: unknown = null;
    expect(nothing instanceof SdkError).toBe(false);
  });

  const messages: { given: unknown; want: string }[] = [
    { given: { detail: 'No such pet' }, want: 'GET /pets/1 failed with status 404: No such pet' },
    { given: { error: { message: 'nested' } }, want: 'GET /pets/1 failed with status 404: nested' },
    { given: { message: 'msg' }, want: 'GET /pets/1 failed with status 404: msg' },
    { given: '<html>\n<b>oops</b>\n</html>', want: 'GET /pets/1 failed with status 404: <html> <b>oops</b> </html>' },
    { given: undefined, want: 'GET /pets/1 failed with status 404' },
    { given: 'x'.repeat(1000), want: `GET /pets/1 failed with status 404: ${'x'.repeat(300)}...` },
  ];
  it.each(messages)('message for $given leaves out the query string', ({ given, want }) => {
    const error = makeApiError({ ...init(404, given), url: 'http://h.test/pets/1' });
    expect(error.message).toBe(want);
  });

  const requestIds: { given: Record<string, string>; want: string | undefined }[] = [
    { given: { 'x-request-id': 'req_1' }, want: 'req_1' },
    { given: { 'request-id': 'req_2' }, want: 'req_2' },
    { given: { 'x-request-id': 'a', 'request-id': 'b' }, want: 'a' },
    { given: {}, want: undefined },
  ];
  it.each(requestIds)('requestId from $given', ({ given, want }) => {
    expect(makeApiError(init(500, undefined, given)).requestId).toBe(want);
  });
});

describe('instanceof across two copies of the runtime', () => {
  it('holds for errors made by another copy', async () => {
    // The query string makes Vite load a second, independent instance of the module (a variable
    // specifier, so tsc does not try to resolve it).
    const specifier = '../../runtime/src/errors.ts?second-copy';
    const other = (await import(/* @vite-ignore */ specifier)) as typeof import('../../runtime/src/errors.js');
    expect(other.NotFoundError).not.toBe(NotFoundError);
    const foreign = other.makeApiError(init(404));
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(ApiError);
    expect(foreign).toBeInstanceOf(SdkError);
    expect(foreign).not.toBeInstanceOf(ConflictError);
    expect(new AbortError('a')).toBeInstanceOf(other.AbortError);
    expect(new AbortError('a')).not.toBeInstanceOf(other.TimeoutError);
  });

  it('a user subclass without its own brand uses the prototype chain', () => {
    class MyError extends NotFoundError {}
    expect(new MyError(init(404))).toBeInstanceOf(MyError);
    expect(makeApiError(init(404))).not.toBeInstanceOf(MyError);
    expect(new MyError(init(404))).toBeInstanceOf(NotFoundError);
  });
});
