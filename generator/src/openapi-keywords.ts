/**
 * OpenAPI and JSON Schema keywords that several stages walk by: one list each, so the validator,
 * the repairs, the types checks and the Swagger converter agree on what they visit.
 */
import { isObject } from './load/pointer.js';

/** HTTP methods that make a path-item key an operation. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Swagger 2.0's operation methods: OpenAPI 3's without `trace`. @see https://swagger.io/specification/v2/#path-item-object */
export const SWAGGER2_METHODS = OPERATION_METHODS.filter((m) => m !== 'trace');

/** Schema keywords holding one subschema. */
export const ONE_SCHEMA_KEYWORDS = ['not', 'additionalProperties', 'items', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties'] as const;
/** Schema keywords holding a list of subschemas. */
export const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Schema keywords holding a map of subschemas. */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties'] as const;

/**
 * The extra operations of an OpenAPI 3.2 path item, by the method they send (`QUERY`, `COPY`).
 * @see https://spec.openapis.org/oas/v3.2.0#path-item-object
 */
export function additionalOperations(item: Record<string, unknown>): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  if (isObject(item.query)) out.push(['QUERY', item.query]);
  if (isObject(item.additionalOperations)) {
    for (const [method, op] of Object.entries(item.additionalOperations)) {
      // A standard method belongs in its fixed field (3.2 forbids it here); `query` too.
      if (isObject(op) && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method) && !(OPERATION_METHODS as readonly string[]).includes(method.toLowerCase()) && method.toLowerCase() !== 'query') out.push([method, op]);
    }
  }
  return out;
}

