/**
 * The intermediate model: what the normalizer makes of an OpenAPI document and the only thing
 * the client emitters read. Raw OpenAPI stays behind the normalizer (the types emitter is the one
 * exception: it hands the bundled document to openapi-typescript).
 *
 * Every name here is already a valid, collision-free TypeScript identifier where it is used as one;
 * every text (summary, description) is the raw spec text and must be escaped by the emitter.
 */
import type { BodyEncoding, FieldEncoding, HttpMethod, OAuth2Spec, ParamStyle, ResponseKind } from '@sdkgen/runtime';

/** A JSON pointer into the source document, e.g. `#/paths/~1pets/get`. */
export type JsonPointer = string;

export interface ApiModel {
  title: string;
  version: string;
  description?: string;
  /** Server URLs in spec order; variables substituted with their defaults. */
  servers: ServerModel[];
  securitySchemes: SecuritySchemeModel[];
  /** Resources in deterministic order (by name). */
  resources: ResourceModel[];
  /** Header name for automatic idempotency keys, when the spec declares one on any operation. */
  idempotencyHeader?: string;
  /** Webhooks with JSON payloads (`webhooks`, else `x-webhooks`); see `normalize/webhooks.ts`. */
  webhooks?: import('./normalize/webhooks.js').WebhookModel[];
}

export interface ServerModel {
  url: string;
  description?: string;
}

export type SecuritySchemeModel = {
  /** Name under `components.securitySchemes`. */
  key: string;
  description?: string;
  pointer: JsonPointer;
} & (
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; option: string }
  /** http bearer, oauth2 and openIdConnect: a token sent as `Authorization: Bearer`. */
  | { type: 'bearer'; option: string; source: 'http' | 'oauth2' | 'openIdConnect'; oauth2?: OAuth2Spec }
  | { type: 'basic'; usernameOption: string; passwordOption: string }
);

export interface ResourceModel {
  /** Property name on the client, camelCase: `pets`. */
  propertyName: string;
  /** Class name: `Pets`. */
  className: string;
  /** File name under resources/, without extension: `pets`. */
  fileName: string;
  description?: string;
  operations: OperationModel[];
  /**
   * OpenAPI 3.2 nested tags (`parent`): set on a resource whose tag has a parent tag; it is then a
   * property of its parent's class (`client.projects.members`), not of the client.
   */
  parent?: string;
  /** Resources nested in this one, with the property name each has on this class. */
  children?: { propertyName: string; className: string; fileName: string; description?: string }[];
  /** How code reaches it from the client: `projects.members`. */
  accessor: string;
}

export interface OperationModel {
  /** operationId from the spec, or a synthesized one (`get_pets_petId`). */
  operationId: string;
  /** Whether operationId came from the spec. */
  hasSpecOperationId: boolean;
  pointer: JsonPointer;
  method: HttpMethod;
  /** Path template as in the spec: `/pets/{petId}`. */
  path: string;
  /** Method name on the resource, camelCase, unique within the resource: `list`. */
  methodName: string;
  /** PascalCase stem for type names derived from this operation: `ListPets`. */
  typeName: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Path params in template order. */
  pathParams: ParamModel[];
  queryParams: ParamModel[];
  headerParams: ParamModel[];
  cookieParams: ParamModel[];
  /** OpenAPI 3.2 `in: querystring`: one parameter that is the whole query string. */
  querystringParam?: ParamModel;
  requestBody?: RequestBodyModel;
  /** 'flat': query, header and body fields share one params object; 'nested': body under `body`, query under `query`. */
  paramsLayout: 'flat' | 'nested';
  responses: ResponseModel[];
  /** How the runtime reads a 2xx response. */
  responseKind: ResponseKind;
  /** The Accept header: the success responses' media types, when that is not the runtime's default. */
  accept?: string;
  /** Effective security alternatives (scheme keys); `[]` means no auth. */
  security: string[][];
  /** Set for list operations that page (see `pagination/detect.ts`). */
  pagination?: import('./pagination/model.js').PaginationModel;
  /** Set for long-running operations (see `normalize/long-running.ts`). */
  longRunning?: import('./normalize/long-running.js').LongRunningModel;
}

export interface ParamModel {
  /** Wire name (also the params-object key). */
  name: string;
  /** For path params: the positional argument name, a valid identifier. */
  argName: string;
  /** Set for a path param the template names but the spec does not declare: typed `string`. */
  synthesized?: true;
  in: 'path' | 'query' | 'header' | 'cookie' | 'querystring';
  required: boolean;
  deprecated: boolean;
  description?: string;
  style?: ParamStyle;
  explode?: boolean;
  allowReserved?: boolean;
  /** Set when the parameter is declared with `content`: its (first) media type. Always set for `querystring`. */
  contentType?: string;
  pointer: JsonPointer;
}

export interface RequestBodyModel {
  required: boolean;
  /** Media type chosen for sending (JSON preferred). */
  mediaType: string;
  /** All media types the spec lists, in spec order. */
  mediaTypes: string[];
  encoding: BodyEncoding;
  /** True when the chosen media type's schema is a JSON object whose fields can be merged into params. */
  isJsonObject: boolean;
  /** Property names of a JSON-object body (for collision checks). */
  propertyNames: string[];
  /** Form and multipart bodies: the chosen media type's `encoding` map, as the runtime reads it. */
  fields?: Record<string, FieldEncoding>;
  /** The chosen media type's schema admits `null` (`nullable: true`, `type: [..., "null"]`); set only when true. */
  nullable?: true;
  description?: string;
  pointer: JsonPointer;
}

export interface ResponseModel {
  /** '200', '2XX', 'default', ... */
  status: string;
  mediaTypes: string[];
  description?: string;
  /** Header names the response declares (lowercase), e.g. for `etag` or `link`. */
  headers: string[];
  pointer: JsonPointer;
}
