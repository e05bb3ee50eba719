/**
 * The operation descriptor: the only thing a generated method hands the runtime besides the
 * caller's arguments. Generated code declares one `const` descriptor per operation; the runtime
 * does everything else (URL building, serialization, auth, retries, pagination, caching).
 *
 * Descriptors are plain data so that generated code stays thin and all behaviour is tested once,
 * here in the runtime.
 */

/**
 * The method sent on the wire. OpenAPI 3.2 adds `QUERY` and `additionalOperations`, whose keys are
 * sent exactly as written (`COPY`, `LINK`), hence any other token too.
 * @see https://spec.openapis.org/oas/v3.2.0#path-item-object
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE' | 'QUERY' | (string & {});

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
  /**
   * Set for a parameter declared with `content` instead of `schema`: its media type. The value is
   * sent as that media type's text (JSON text for JSON types), ignoring `style` and `explode`.
   * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-for-use-with-content
   */
  readonly content?: string;
}

/**
 * An OpenAPI 3.2 `in: querystring` parameter: its value is the whole query string, serialized per
 * `mediaType` (`application/x-www-form-urlencoded` or a JSON type).
 * @see https://spec.openapis.org/oas/v3.2.0#parameter-locations
 */
export interface QueryStringSpec {
  readonly name: string;
  readonly group?: string;
  readonly mediaType: string;
}

/**
 * How one property of a form or multipart body is written (the Encoding Object).
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
export interface FieldEncoding {
  /** Form bodies: @default 'form' */
  readonly style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  /** Form bodies: @default true for style 'form', false otherwise */
  readonly explode?: boolean;
  /** Form bodies: leave RFC 3986 reserved characters unencoded. @default false */
  readonly allowReserved?: boolean;
  /**
   * Multipart: the part's Content-Type (default: `text/plain` for scalars, `application/json` for
   * objects, `application/octet-stream` for binary). Form bodies: a JSON type sends the value as JSON text.
   */
  readonly contentType?: string;
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
  /** Per-property encodings of a form or multipart body (the media type's `encoding` map). */
  readonly fields?: Readonly<Record<string, FieldEncoding>>;
  /**
   * The encoder of a body other than JSON or text (`formBody`, `multipartBody`, `binaryBody`):
   * generated code imports the one it needs, so other bundles leave it out. Absent: JSON and text are
   * built in; other encodings use the client's `parts.encodeBody` (`BaseClient` has every one).
   */
  readonly encode?: import('./request/body.js').BodyEncoder;
}

/** How to read a successful response. `auto` decides by Content-Type; `stream`: a `Stream` (see `stream`). */
export type ResponseKind = 'json' | 'text' | 'binary' | 'empty' | 'auto' | 'stream';

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
  /** OpenAPI 3.2 `in: querystring`: the whole query string from one value (then `query` is empty). */
  readonly querystring?: QueryStringSpec;
  readonly body?: BodySpec;
  /**
   * The `Accept` header: the media types the operation's success responses declare.
   * @default 'application/json' when `response` is 'json', none otherwise
   */
  readonly accept?: string;
  /** @default 'auto' */
  readonly response?: ResponseKind;
  /** Effective security requirement alternatives (operation-level, else document-level). */
  readonly security?: readonly SecurityRequirement[];
  /** How a list operation pages; set only for paginated operations (see `pagination/spec.ts`). */
  readonly pagination?: import('./pagination/spec.js').PaginationSpec;
  /** Set for operations that answer with a stream. */
  readonly stream?: StreamSpec;
  /** The spec marks the operation `deprecated`: the first use warns (logger, `onDeprecation`). */
  readonly deprecated?: boolean;
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
  | {
      readonly type: 'bearer';
      readonly option: string;
      /** OAuth 2 flows the runtime runs itself to get the token (`auth/oauth2.ts`). */
      readonly oauth2?: OAuth2Spec;
    }
  | { readonly type: 'basic'; readonly usernameOption: string; readonly passwordOption: string };

/**
 * A streaming response (`text/event-stream`, `application/x-ndjson`, `application/jsonl`,
 * `application/json-seq`): the call resolves to a `Stream` of items (see `stream/`).
 */
export interface StreamSpec {
  /** The stream media type, sent as `Accept` when the stream is wanted. */
  readonly mediaType: string;
  /**
   * Items are whole events (`event`, `id`, `retry`, `data`): the spec gives an OAS 3.2 `itemSchema`.
   * Absent: items are each event's `data`.
   */
  readonly items?: 'events';
  /** `data` is plain text, never parsed as JSON. */
  readonly textData?: boolean;
  /**
   * When the operation also answers JSON, what asks for the stream: `'field'`, a boolean `stream`
   * field of the body (sent to the server); `'param'`, a `stream: true` flag in the params object
   * (not sent). Absent: the response's Content-Type decides.
   */
  readonly select?: 'field' | 'param';
  /**
   * What reads the stream (`streamReader`): generated code imports it for streaming operations only,
   * so other bundles carry no stream code. Absent: the client's `parts.streams` (`BaseClient` has it).
   */
  readonly reader?: import('./stream/reader.js').StreamReader;
}

/**
 * The token-endpoint flows of an `oauth2` scheme and the client options that drive them.
 * @see https://spec.openapis.org/oas/v3.1.0#oauth-flows-object
 */
export interface OAuth2Spec {
  /** The `clientCredentials` flow: its `tokenUrl` (maybe relative to the server URL). */
  readonly clientCredentials?: { readonly tokenUrl: string };
  /** Flows that issue refresh tokens (`authorizationCode`, `password`): where to refresh. */
  readonly refresh?: { readonly tokenUrl: string };
  /** `basic` (default) or `body`: how the client authenticates to the token endpoint. */
  readonly clientAuth?: 'basic' | 'body';
  readonly clientIdOption: string;
  readonly clientSecretOption: string;
  readonly scopesOption?: string;
  readonly refreshTokenOption?: string;
  readonly onTokensOption?: string;
}
