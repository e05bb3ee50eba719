/**
 * The operation descriptor: the only thing a generated method hands the runtime besides the
 * caller's arguments. Generated code declares one `const` descriptor per operation; the runtime
 * does everything else (URL building, serialization, auth, retries, pagination, caching).
 *
 * Descriptors are plain data so that generated code stays thin and all behaviour is tested once,
 * here in the runtime.
 */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/**
 * OpenAPI serialization style of a parameter.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
export type ParamStyle =
  | 'simple'
  | 'label'
  | 'matrix'
  | 'form'
  | 'spaceDelimited'
  | 'pipeDelimited'
  | 'deepObject';

/** A path parameter; path parameters are passed positionally, in template order. */
export interface PathParamSpec {
  /** Name inside the `{}` of the path template. */
  readonly name: string;
  /** @default 'simple' */
  readonly style?: 'simple' | 'label' | 'matrix';
  /** @default false */
  readonly explode?: boolean;
}

/** A query, header or cookie parameter, read from the caller's params object. */
export interface ParamSpec {
  /** Wire name, which is also the property name in the params object. */
  readonly name: string;
  /**
   * When set, the parameter is read from `params[group][name]` instead of `params[name]`
   * (the "nested" layout, used when names collide or the body is not a JSON object).
   */
  readonly group?: string;
  /** @default 'form' for query and cookie, 'simple' for header */
  readonly style?: ParamStyle;
  /** @default true for style 'form', false otherwise */
  readonly explode?: boolean;
  /** Query only: leave RFC 3986 reserved characters unencoded. @default false */
  readonly allowReserved?: boolean;
}

/** How the request body is encoded on the wire. */
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'text' | 'binary';

export interface BodySpec {
  /** Content-Type sent with the body, e.g. `application/json` or `application/merge-patch+json`. */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  /**
   * Where the body comes from in the params object:
   * - absent: the body is every property of params not consumed by a flat parameter
   *   (the "flat" layout: query, header and JSON-object body fields share one object);
   * - a key (normally `'body'`): `params[group]` is the body as is.
   */
  readonly group?: string;
  /** @default false */
  readonly required?: boolean;
}

/** How to read a successful response. `auto` decides by Content-Type. */
export type ResponseKind = 'json' | 'text' | 'binary' | 'empty' | 'auto';

/**
 * One security requirement alternative: the scheme names that must all be applied together.
 * An operation's `security` is a list of alternatives; the runtime uses the first alternative
 * for which the client holds every credential, and sends the request without credentials when
 * none fits (the server's 401 then surfaces as a typed error).
 */
export type SecurityRequirement = readonly string[];

export interface OperationDescriptor {
  /** operationId (or a synthesized id); used in logs and errors. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/pets/{petId}`. */
  readonly path: string;
  readonly pathParams?: readonly PathParamSpec[];
  readonly query?: readonly ParamSpec[];
  readonly headers?: readonly ParamSpec[];
  readonly cookies?: readonly ParamSpec[];
  readonly body?: BodySpec;
  /** @default 'auto' */
  readonly response?: ResponseKind;
  /** Effective security requirement alternatives (operation-level, else document-level). */
  readonly security?: readonly SecurityRequirement[];
  /** How a list operation pages; set only for paginated operations (see `pagination/spec.ts`). */
  readonly pagination?: import('./pagination/spec.js').PaginationSpec;
  /** Set for long-running operations (202 + `Location`); see `poll/spec.ts`. */
  readonly longRunning?: import('./poll/spec.js').LongRunningSpec;
}

/** How a security scheme's credential is applied; emitted once per client from `securitySchemes`. */
export type SecuritySchemeSpec =
  | {
      readonly type: 'apiKey';
      readonly in: 'header' | 'query' | 'cookie';
      /** Header, query parameter or cookie name. */
      readonly name: string;
      /** Client option holding the key. */
      readonly option: string;
    }
  | { readonly type: 'bearer'; readonly option: string }
  | { readonly type: 'basic'; readonly usernameOption: string; readonly passwordOption: string };
