import type { TransportResponse } from '../transport/types.js';

/**
 * A 2xx response handed up the pipeline with its body unread: for streams (stream/open.ts) and for
 * `APIPromise.asResponse()`. The retry layer passes it through like any result.
 */
export class UnreadBody {
  readonly res: TransportResponse;
  constructor(res: TransportResponse) {
    this.res = res;
  }
}

/**
 * What the caller's `APIPromise` needs to know about the call after it started: `raw` is set by
 * `asResponse()` (synchronously after the call, always before its response arrives).
 */
export interface CallState {
  raw: boolean;
}

/** The body of `res` as a stream; transports without `stream()` fall back to their `blob()`. */
export function bodyStream(res: TransportResponse): ReadableStream<Uint8Array> {
  if (res.stream !== undefined) return res.stream();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const blob = await res.blob();
        controller.enqueue(new Uint8Array(await blob.arrayBuffer()));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/** Statuses whose `Response` may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The WHATWG `Response` of `res`, body unread (streamed from the transport as it is read). */
export function toResponse(res: TransportResponse): Response {
  let body: ReadableStream<Uint8Array> | null = null;
  if (NULL_BODY_STATUSES.has(res.status)) void res.discard();
  else body = bodyStream(res);
  const response = new Response(body, { status: res.status, headers: res.headers() });
  // `Response.url` is read-only and empty for constructed responses; the caller wants the real one.
  Object.defineProperty(response, 'url', { value: res.url, enumerable: true });
  return response;
}
