/**
 * Operation ids as openapi-typescript can use them. It moves every operation with an
 * `operationId` into one `operations` interface keyed by that id (with `#` read as `/`), so two
 * operations sharing an id (allowed through by `validate.ts` with SDKGEN_DUPLICATE_OPERATION_ID,
 * the methods get numeric suffixes) would declare one key twice (TS2300/TS2717), and an id that
 * is not a string crashes the transform (it calls `.replace` on it). `openapiTS()` used to reject
 * both in its Redocly lint pass. Here such an operation just loses its id in the types document:
 * openapi-typescript then types it inline under `paths`, where every other emitter looks
 * operations up (`paths['/a']['get']`), so nothing else changes.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-7 (operationId: "MUST be unique")
 */

import { isObject } from '../load/pointer.js';
import { OPERATION_METHODS } from '../openapi-keywords.js';

type Json = Record<string, unknown>;

/**
 * Deletes, in place, the `operationId` of every operation after the first with the same
 * `operations` key, and every `operationId` that is not a string, in `paths`, `webhooks` and
 * `components.pathItems` (in that order: the order openapi-typescript visits them). An empty id
 * is left as is: openapi-typescript already types that operation inline. Returns how many ids it
 * deleted.
 */
export function dropUnusableOperationIds(document: Json): number {
  const seen = new Set<string>();
  let dropped = 0;
  const components = isObject(document['components']) ? document['components']['pathItems'] : undefined;
  for (const items of [document['paths'], document['webhooks'], components]) {
    if (!isObject(items)) continue;
    for (const item of Object.values(items)) {
      if (!isObject(item)) continue;
      for (const method of OPERATION_METHODS) {
        const op = item[method];
        if (!isObject(op) || !('operationId' in op)) continue;
        const id = op['operationId'];
        if (typeof id === 'string') {
          if (id === '') continue;
          const key = id.replace(/#/g, '/');
          if (!seen.has(key)) {
            seen.add(key);
            continue;
          }
        }
        delete op['operationId'];
        dropped++;
      }
    }
  }
  return dropped;
}
