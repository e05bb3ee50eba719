/**
 * Stream support as one value the pipeline is handed rather than imports: a streaming operation's
 * descriptor names it (`stream: { ..., reader: streamReader }`), so an app whose calls never stream
 * bundles none of `stream/` (docs/ARCHITECTURE.md, "What generated code injects").
 */
import type { PreparedRequest } from '../request/prepare.js';
import type { WithResponse } from '../response/info.js';
import type { TransportResponse } from '../transport/types.js';
import { isStreamResponse, openStream, type OpenStreamOptions } from './open.js';

/** The two points where the pipeline meets streams. */
export interface StreamReader {
  /** `sendAttempt`: whether a 2xx response to `req` (which asked for a stream) is left unread as one. */
  isStream(req: PreparedRequest, res: TransportResponse): boolean;
  /** After the retry loop: the `Stream` over the unread body (anything else passes through). */
  open(result: WithResponse<unknown>, req: PreparedRequest, options: OpenStreamOptions): WithResponse<unknown>;
}

/** Reads SSE, NDJSON / JSON Lines and JSON text sequences (`stream/`). */
export const streamReader: StreamReader = { isStream: isStreamResponse, open: openStream };
