/**
 * OAS 3.2 sequential media types (`text/event-stream`, `application/jsonl`, ...) describe one item
 * with `itemSchema`, which openapi-typescript does not read. In the document it types, each such
 * media type's `schema` becomes the item schema, so `content['text/event-stream']` is the item type
 * the generated `Stream<Item>` uses; an SSE event's `data` (a string holding JSON) is typed from its
 * `contentSchema`, since the runtime hands it over parsed.
 * @see https://spec.openapis.org/oas/v3.2.0#sequential-media-types
 */
import { isObject } from '../load/pointer.js';
import { OPERATION_METHODS } from '../openapi-keywords.js';

/** Rewrites `doc` (the types emitter's own copy) in place. */
export function typeStreamItems(doc: Record<string, unknown>): void {
  const seen = new Set<unknown>();
  const visitResponses = (responses: unknown): void => {
    if (!isObject(responses)) return;
    for (const response of Object.values(responses)) {
      if (!isObject(response) || !isObject(response.content) || seen.has(response)) continue;
      seen.add(response);
      for (const media of Object.values(response.content)) {
        if (isObject(media) && isObject(media.itemSchema)) media.schema = itemType(media.itemSchema);
      }
    }
  };
  if (isObject(doc.paths)) {
    for (const item of Object.values(doc.paths)) {
      if (!isObject(item)) continue;
      for (const method of OPERATION_METHODS) {
        const op = item[method];
        if (isObject(op)) visitResponses(op.responses);
      }
    }
  }
  if (isObject(doc.components)) visitResponses(doc.components.responses);
}

/** The item schema with `data` typed from its `contentSchema` when it declares one. */
export function itemType(itemSchema: Record<string, unknown>): Record<string, unknown> {
  const properties = itemSchema.properties;
  if (!isObject(properties) || !isObject(properties.data)) return itemSchema;
  const data = properties.data;
  if (data.contentSchema === undefined) return itemSchema;
  return { ...itemSchema, properties: { ...properties, data: data.contentSchema } };
}
