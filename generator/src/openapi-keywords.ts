/**
 * OpenAPI and JSON Schema keywords that several stages walk by: one list each, so the validator,
 * the repairs, the types checks and the Swagger converter agree on what they visit.
 */

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
