/**
 * The seam between the request pipeline and `Stream`: turns a 2xx response with an unread body into
 * a stream, and a request into its reconnection (GET SSE streams only).
 */
import type { StreamSpec } from '../operation.js';
import type { PreparedRequest } from '../request/prepare.js';
import { LazyResponseInfo, type WithResponse } from '../response/info.js';
import { bodyStream, UnreadBody } from '../response/unread.js';
import type { Sleep } from '../retry/retry.js';
import type { TransportResponse } from '../transport/types.js';
import { streamFormat, type StreamFormat } from './decoders.js';
import { Stream, type StreamConnection, type StreamResponseInfo } from './stream.js';

/** Everything a stream needs from the call besides its first response. */
export interface OpenStreamOptions {
  /** Per-chunk timeout, ms. */
  readonly timeout: number;
  readonly signal?: AbortSignal | undefined;
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly sleep: Sleep;
  readonly random: () => number;
  /** One attempt of `req` (no retries of its own): the reconnection. */
  readonly attempt: (req: PreparedRequest) => Promise<WithResponse<unknown>>;
}

/**
 * Whether a 2xx response to `req` is read as a stream: the request asked for one (its operation
 * declares a stream and the call selected it) and either the response says it is one, or the call
 * explicitly asked, or the operation answers nothing else.
 */
export function isStreamResponse(req: PreparedRequest, res: TransportResponse): boolean {
  const spec = req.stream;
  if (spec === undefined) return false;
  return streamFormat(res.header('content-type')) !== undefined || spec.select !== undefined || req.op.response === 'stream';
}

/** Opens the `Stream` for a 2xx response whose body was left unread. */
export function openStream<Item>(result: WithResponse<unknown>, req: PreparedRequest, options: OpenStreamOptions): WithResponse<unknown> {
  if (!(result.data instanceof UnreadBody)) return result;
  const spec = req.stream!;
  const url = withoutQuery(req.url);
  // WHATWG EventSource reconnects GET streams; a POST may have had effects and is never repeated.
  const reconnect =
    req.method === 'GET' && formatOf(result.data.res, spec) === 'sse'
      ? async (lastEventId: string | undefined): Promise<StreamConnection | undefined> => {
          const headers = { ...req.headers };
          // An empty `id:` resets the last event id: EventSource then sends no header.
          if (lastEventId !== undefined && lastEventId !== '') headers['last-event-id'] = lastEventId;
          const next = await options.attempt({ ...req, headers });
          if (!(next.data instanceof UnreadBody)) return undefined;
          // 204 No Content: the server says there is nothing more (as EventSource treats it).
          if (next.data.res.status === 204) {
            await next.data.res.discard();
            return undefined;
          }
          return connection(next.data.res, spec);
        }
      : undefined;
  const stream = new Stream<Item>(connection(result.data.res, spec), {
    items: spec.items === 'events' ? 'events' : 'data',
    textData: spec.textData,
    timeout: options.timeout,
    signal: options.signal,
    method: req.method,
    url,
    reconnect,
    maxRetries: options.maxRetries,
    maxRetryAfter: options.maxRetryAfter,
    sleep: options.sleep,
    random: options.random,
  });
  return { data: stream, response: result.response };
}

function formatOf(res: TransportResponse, spec: StreamSpec): StreamFormat {
  return streamFormat(res.header('content-type')) ?? streamFormat(spec.mediaType) ?? 'sse';
}

function connection(res: TransportResponse, spec: StreamSpec): StreamConnection {
  return { body: bodyStream(res), response: new StreamResponse(res), format: formatOf(res, spec) };
}

/**
 * `stream.response`: the response info every call has (status, headers built on first access, URL,
 * rate limit) plus the request id.
 */
class StreamResponse extends LazyResponseInfo implements StreamResponseInfo {
  readonly #res: TransportResponse;
  constructor(res: TransportResponse) {
    super(res);
    this.#res = res;
  }
  get requestId(): string | undefined {
    return this.#res.header('x-request-id') ?? this.#res.header('request-id');
  }
}

/** Errors and messages leave out the query string, which may carry an API key. */
function withoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
