/**
 * The webhooks an API sends (OpenAPI 3.1 `webhooks`, else the `x-webhooks` extension 3.0 specs
 * use): name, method and the JSON media types of each payload. The types emitter hands
 * `x-webhooks` to openapi-typescript as `webhooks`, so both are typed the same way.
 * @see https://spec.openapis.org/oas/v3.1.0#oasWebhooks
 */
import { childPointer, isObject } from '../load/pointer.js';
import { OPERATION_METHODS } from '../openapi-keywords.js';
import { isJsonMediaType } from './body.js';
import { deref } from './refs.js';

export interface WebhookModel {
  /** Key under `webhooks`: `petAdopted`. */
  name: string;
  /** Lower case: `post`. */
  method: string;
  /** JSON media types of the payload, in spec order. */
  mediaTypes: string[];
  pointer: string;
}

/** Where the document keeps its webhooks: `webhooks`, else `x-webhooks`; `undefined` when neither is an object. */
export function webhooksSection(doc: Record<string, unknown>): 'webhooks' | 'x-webhooks' | undefined {
  if (isObject(doc.webhooks)) return 'webhooks';
  if (isObject(doc['x-webhooks'])) return 'x-webhooks';
  return undefined;
}

/** Every webhook with a JSON payload, in spec order. */
export function normalizeWebhooks(doc: Record<string, unknown>): WebhookModel[] {
  const section = webhooksSection(doc);
  if (section === undefined) return [];
  const out: WebhookModel[] = [];
  for (const [name, rawItem] of Object.entries(doc[section] as Record<string, unknown>)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of OPERATION_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const body = deref(doc, op.requestBody);
      const content = isObject(body) && isObject(body.content) ? body.content : {};
      const mediaTypes = Object.keys(content).filter((mt) => isJsonMediaType(mt) && mt !== '*/*');
      if (mediaTypes.length > 0) out.push({ name, method, mediaTypes, pointer: childPointer(`#/${section}`, name, method) });
    }
  }
  return out;
}
