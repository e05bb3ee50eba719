/** Responses by status, and how the runtime should read a success. @see https://spec.openapis.org/oas/v3.1.0#responses-object */
import { childPointer, isObject } from '../load/pointer.js';
import type { OperationModel, ResponseModel } from '../model.js';

type ResponseKind = OperationModel['responseKind'];
import { essence, isJsonMediaType } from './body.js';
import { deref } from './refs.js';

/** Every declared response, in spec order. */
export function normalizeResponses(doc: Record<string, unknown>, raw: unknown, pointer: string): ResponseModel[] {
  if (!isObject(raw)) return [];
  const out: ResponseModel[] = [];
  for (const [status, value] of Object.entries(raw)) {
    if (status.startsWith('x-')) continue;
    const r = deref(doc, value);
    if (!isObject(r)) continue;
    const model: ResponseModel = {
      status,
      mediaTypes: isObject(r.content) ? Object.keys(r.content) : [],
      headers: isObject(r.headers) ? Object.keys(r.headers).map((h) => h.toLowerCase()) : [],
      pointer: childPointer(pointer, status),
    };
    if (typeof r.description === 'string') model.description = r.description;
    out.push(model);
  }
  return out;
}

/** The kind of body a media type carries. */
export function mediaKind(mediaType: string): 'json' | 'text' | 'binary' {
  const e = essence(mediaType);
  if (isJsonMediaType(e)) return 'json';
  if (e.startsWith('text/') || e === 'application/xml' || e.endsWith('+xml') || e === 'application/x-www-form-urlencoded') return 'text';
  return 'binary';
}

/** `200`, `2XX`, ... */
function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/**
 * One kind when every 2xx media type agrees, `auto` when they differ, `empty` when no 2xx response
 * has content. A spec that declares only `default` (no 2xx) with content gets `auto`, since `default`
 * is then the only description of a success.
 */
export function responseKind(responses: readonly ResponseModel[]): ResponseKind {
  let success = responses.filter((r) => isSuccess(r.status));
  if (success.length === 0) success = responses.filter((r) => r.status === 'default' && r.mediaTypes.length > 0);
  const kinds = new Set(success.flatMap((r) => r.mediaTypes.map(mediaKind)));
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1 || success.every((r) => !isSuccess(r.status))) return 'auto';
  return [...kinds][0] ?? 'auto';
}

/**
 * The Accept header for an operation: every media type its success responses declare (2xx, else a
 * `default` that is the only description of success), in spec order, without repeats; `undefined`
 * when that is exactly what the runtime sends by default (`application/json` for a JSON result,
 * nothing otherwise). A negotiating server answers 406 to a type the operation never offers
 * (JSON:API's `application/vnd.api+json`).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function acceptHeader(responses: readonly ResponseModel[], kind: ResponseKind): string | undefined {
  let success = responses.filter((r) => isSuccess(r.status));
  if (success.length === 0) success = responses.filter((r) => r.status === 'default');
  const types: string[] = [];
  for (const r of success) {
    for (const mt of r.mediaTypes) {
      const clean = mt.replace(/[\r\n,]/g, ' ').trim();
      if (clean !== '' && !types.some((t) => t.toLowerCase() === clean.toLowerCase())) types.push(clean);
    }
  }
  const accept = types.join(', ');
  const runtimeDefault = kind === 'json' ? 'application/json' : '';
  return accept === runtimeDefault || accept === '' ? undefined : accept;
}
