/**
 * The response a default mock handler sends for one operation: the lowest declared 2xx status
 * (else `default`), its preferred media type, and a body taken from the spec's examples or
 * synthesized from the schema.
 */
import { getAt, isObject, parsePointer } from '../load/pointer.js';
import type { ResponseModel } from '../model.js';
import { fitExample } from './fit-example.js';
import { resolveSchema } from './resolve.js';
import { synthesize, type SynthesizeOptions } from './synthesize.js';

/** What a default handler answers with. */
export interface MockResponse {
  /** HTTP status code. */
  status: number;
  /** Content-Type of the body; absent when there is no body. */
  contentType?: string;
  /** How the body is sent. */
  kind: 'json' | 'text' | 'binary' | 'empty';
  /** The body: a JSON value for `json`, a string for `text` and `binary`. */
  body?: unknown;
  /** Where the body came from (for docs and tests). */
  source: 'example' | 'synthesized' | 'none';
  /** The schema the body must satisfy (`json` only); may be a `$ref`. */
  schema?: unknown;
  /** Pointer of the chosen response, e.g. `#/paths/~1pets/get/responses/200`. */
  pointer?: string;
}

/** `200` before `201` before `2XX`; `default` only when nothing else describes a success. */
export function successResponse(responses: readonly ResponseModel[]): ResponseModel | undefined {
  const rank = (status: string): number => {
    if (/^2\d\d$/.test(status)) return Number(status);
    if (/^2XX$/i.test(status)) return 299.5;
    if (status === 'default') return 1000;
    return Infinity;
  };
  return [...responses].filter((r) => rank(r.status) !== Infinity).sort((a, b) => rank(a.status) - rank(b.status))[0];
}

/** Status code to send for a response key: `2XX` and `default` become 200. */
export function statusCode(status: string): number {
  return /^\d{3}$/.test(status) ? Number(status) : 200;
}

function essence(mediaType: string): string {
  return mediaType.split(';', 1)[0]!.trim().toLowerCase();
}

/** Body kind of a media type, as far as a mock is concerned. */
export function mockKind(mediaType: string): 'json' | 'text' | 'binary' {
  const e = essence(mediaType);
  if (e === 'application/json' || e.endsWith('+json') || e === '*/*') return 'json';
  if (e.startsWith('text/') || e.endsWith('+xml') || e === 'application/xml') return 'text';
  return 'binary';
}

/** JSON media types first (the SDK's typed path), then text, then the rest; spec order within each. */
export function preferredMediaType(mediaTypes: readonly string[]): string | undefined {
  const order = { json: 0, text: 1, binary: 2 } as const;
  return [...mediaTypes].sort((a, b) => order[mockKind(a)] - order[mockKind(b)])[0];
}

/**
 * The example a Media Type Object carries: `example`, else the first of `examples` (following a
 * `$ref` to `components/examples`; `externalValue` is not fetched), else the schema's own example.
 * `undefined` when there is none.
 * @see https://spec.openapis.org/oas/v3.1.0#media-type-object
 */
export function mediaTypeExample(media: Record<string, unknown>, document: unknown): { value: unknown } | undefined {
  if ('example' in media) return { value: media['example'] };
  if (isObject(media['examples'])) {
    for (const entry of Object.values(media['examples'])) {
      const example = resolveSchema(entry, document)?.schema;
      if (isObject(example) && 'value' in example) return { value: example['value'] };
    }
  }
  return undefined;
}

/**
 * The default mock response of an operation, from its normalized responses and the bundled
 * document they point into. Pure and deterministic.
 */
export function defaultResponse(
  responses: readonly ResponseModel[],
  document: unknown,
  options: SynthesizeOptions = {},
): MockResponse {
  const chosen = successResponse(responses);
  if (chosen === undefined) return { status: 204, kind: 'empty', source: 'none' };
  const status = statusCode(chosen.status);
  const mediaType = preferredMediaType(chosen.mediaTypes);
  if (mediaType === undefined || status === 204 || status === 205 || status === 304) {
    return { status, kind: 'empty', source: 'none', pointer: chosen.pointer };
  }
  const response = resolveSchema(getAt(document, parsePointer(chosen.pointer)), document)?.schema;
  const content = isObject(response) && isObject(response['content']) ? response['content'] : {};
  const media = isObject(content[mediaType]) ? content[mediaType] : {};
  const kind = mockKind(mediaType);
  const example = mediaTypeExample(media, document);
  // A wildcard cannot be sent as a Content-Type; JSON is what the SDK reads best.
  const contentType = mediaType.includes('*') ? 'application/json' : mediaType;
  const base = { status, contentType, kind, pointer: chosen.pointer };
  if (kind === 'json') {
    const schema = media['schema'];
    if (example !== undefined) {
      const body = schema === undefined ? example.value : fitExample(example.value, schema, document, options);
      return { ...base, body, source: 'example', schema };
    }
    return { ...base, body: synthesize(schema ?? {}, document, options), source: 'synthesized', schema };
  }
  if (example !== undefined && typeof example.value === 'string') return { ...base, body: example.value, source: 'example' };
  return { ...base, body: kind === 'text' ? 'string' : '', source: 'synthesized' };
}
