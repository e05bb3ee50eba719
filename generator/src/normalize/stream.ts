/**
 * Streaming responses: a 2xx response with a `text/event-stream`, `application/x-ndjson`,
 * `application/jsonl` or `application/json-seq` body makes the operation return a `Stream` of items.
 * Items are typed from the media type's OAS 3.2 `itemSchema` (whole events, `data` typed from its
 * `contentSchema`), else from its `schema` (for SSE: the `data` payload).
 * @see https://spec.openapis.org/oas/v3.2.0#sequential-media-types
 */
import { isObject } from '../load/pointer.js';
import type { OperationModel, RequestBodyModel, ResponseModel, StreamModel } from '../model.js';
import { essence } from './body.js';
import { deref, objectShape } from './refs.js';

/** Media types read as streams, and their format. */
const STREAM_MEDIA_TYPES: Readonly<Record<string, StreamModel['format']>> = {
  'text/event-stream': 'sse',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/json-seq': 'json-seq',
};

/** Whether `mediaType` is one of the streaming media types. */
export function isStreamMediaType(mediaType: string): boolean {
  return STREAM_MEDIA_TYPES[essence(mediaType)] !== undefined;
}

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/**
 * The operation's stream, if a 2xx response declares one (the first, in spec order). When other
 * 2xx media types are offered too, the call chooses: a `stream` field of a JSON-object body
 * (`select: 'field'`, sent), else a `stream: true` flag in the params (`'param'`, not sent).
 */
export function detectStream(
  doc: Record<string, unknown>,
  rawResponses: unknown,
  responses: readonly ResponseModel[],
  body: RequestBodyModel | undefined,
  rawBody: unknown,
): StreamModel | undefined {
  const success = responses.filter((r) => isSuccess(r.status));
  let found: { status: string; mediaType: string } | undefined;
  for (const r of success) {
    const mt = r.mediaTypes.find(isStreamMediaType);
    if (mt !== undefined) {
      found = { status: r.status, mediaType: mt };
      break;
    }
  }
  if (found === undefined) return undefined;
  const format = STREAM_MEDIA_TYPES[essence(found.mediaType)]!;
  const media = mediaObject(doc, rawResponses, found.status, found.mediaType);
  const model: StreamModel = { status: found.status, mediaType: found.mediaType, format, items: isObject(media) && media.itemSchema !== undefined ? 'events' : 'data' };
  if (format === 'sse' && model.items === 'data' && isObject(media) && isPlainString(deref(doc, media.schema))) model.textData = true;
  const alternatives = success.some((r) => r.mediaTypes.some((mt) => !isStreamMediaType(mt)));
  if (alternatives) model.select = hasStreamField(doc, body, rawBody) ? 'field' : 'param';
  return model;
}

/** `content[mediaType]` of the response `status`. */
function mediaObject(doc: Record<string, unknown>, rawResponses: unknown, status: string, mediaType: string): unknown {
  if (!isObject(rawResponses)) return undefined;
  const response = deref(doc, rawResponses[status]);
  if (!isObject(response) || !isObject(response.content)) return undefined;
  return deref(doc, response.content[mediaType]);
}

/** A `type: string` schema without a content media type: SSE data that is text, not JSON. */
function isPlainString(schema: unknown): boolean {
  return isObject(schema) && schema.type === 'string' && schema.contentMediaType === undefined && schema.contentSchema === undefined;
}

/** The JSON-object request body declares a `stream` property. */
function hasStreamField(doc: Record<string, unknown>, body: RequestBodyModel | undefined, rawBody: unknown): boolean {
  if (body === undefined || !body.isJsonObject) return false;
  if (body.propertyNames.includes('stream')) return true;
  const raw = deref(doc, rawBody);
  if (!isObject(raw) || !isObject(raw.content)) return false;
  const media = raw.content[body.mediaType];
  return isObject(media) && objectShape(doc, media.schema).propertyNames.includes('stream');
}
