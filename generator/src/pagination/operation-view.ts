/** The parts of a raw OpenAPI operation pagination detection looks at, refs resolved. */
import { childPointer, isObject } from '../load/pointer.js';
import { deref } from '../normalize/refs.js';
import { resolveSchema, type Doc } from './schema.js';

export interface ParamView {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  /** The resolved parameter object (for extensions on it). */
  raw: Record<string, unknown>;
  schema: Record<string, unknown> | undefined;
}

export interface OperationView {
  /** Lowercase HTTP method. */
  method: string;
  params: ParamView[];
  /** JSON request body schema, resolved. */
  bodySchema: Record<string, unknown> | undefined;
  /** The success response holding pages: its status, JSON body schema and declared header names. */
  response:
    | {
        status: string;
        schema: Record<string, unknown> | undefined;
        /** Lowercase. */
        headers: string[];
        pointer: string;
      }
    | undefined;
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)|^\*\/\*$/i;

/** The JSON schema under `content`, preferring `application/json`. */
function jsonSchema(doc: Doc, content: unknown): Record<string, unknown> | undefined {
  if (!isObject(content)) return undefined;
  const keys = Object.keys(content);
  const key = keys.find((k) => /^application\/json\s*(;|$)/i.test(k)) ?? keys.find((k) => JSON_MEDIA.test(k));
  if (key === undefined) return undefined;
  const media = content[key];
  return isObject(media) ? resolveSchema(doc, media.schema) : undefined;
}

/** Builds the view. `pathItem` supplies path-level parameters (the operation's win by name and location). */
export function operationView(doc: Doc, op: Record<string, unknown>, method: string, pointer: string, pathItem?: Record<string, unknown>): OperationView {
  const byKey = new Map<string, ParamView>();
  for (const list of [pathItem?.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const rawParam of list) {
      const p = deref(doc, rawParam);
      if (!isObject(p) || typeof p.name !== 'string') continue;
      if (p.in !== 'query' && p.in !== 'header' && p.in !== 'path' && p.in !== 'cookie') continue;
      const key = `${p.in}:${p.name}`;
      byKey.delete(key);
      byKey.set(key, { name: p.name, in: p.in, required: p.required === true, raw: p, schema: resolveSchema(doc, p.schema) });
    }
  }
  const body = deref(doc, op.requestBody);
  const view: OperationView = {
    method: method.toLowerCase(),
    params: [...byKey.values()],
    bodySchema: isObject(body) ? jsonSchema(doc, body.content) : undefined,
    response: undefined,
  };
  const responses = isObject(op.responses) ? op.responses : {};
  const status = ['200', '2XX', '2xx', ...Object.keys(responses).filter((s) => /^2\d\d$/.test(s)).sort()].find((s) => s in responses);
  if (status !== undefined) {
    const r = deref(doc, responses[status]);
    if (isObject(r)) {
      view.response = {
        status,
        schema: jsonSchema(doc, r.content),
        headers: isObject(r.headers) ? Object.keys(r.headers).map((h) => h.toLowerCase()) : [],
        pointer: childPointer(pointer, 'responses', status),
      };
    }
  }
  return view;
}
