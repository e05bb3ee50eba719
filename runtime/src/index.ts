/**
 * `@sdkgen/runtime`: what generated SDKs import. Everything exported here is public API.
 */
export { BaseClient, CoreClient } from './client.js';
export { requestPage } from './request-page.js';
export { requestOperation } from './request-operation.js';
export { APIPromise } from './api-promise.js';
export type { ResponseInfo, WithResponse } from './response/info.js';
export type { CacheLimits, ClientConfig, ClientOptions, Credential, RequestOptions, RuntimeParts } from './options.js';
// Pipeline parts generated code hands in (docs/ARCHITECTURE.md, "What generated code injects").
export { setupOAuth } from './auth/oauth2.js';
export { binaryBody, formBody, multipartBody, type BodyEncoder, type EncodedBody } from './request/body.js';
export { streamReader, type StreamReader } from './stream/reader.js';
export type { OpenStreamOptions } from './stream/open.js';
export {
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRIES,
  MemoryCacheStore,
  type CachedResponse,
  type CacheOption,
  type CacheRecord,
  type CacheStore,
  type MemoryCacheStoreOptions,
  type VaryIndex,
} from './cache/index.js';
export { DEFAULTS } from './options.js';
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  makeApiError,
  NotFoundError,
  PermissionDeniedError,
  PreconditionFailedError,
  ProblemError,
  RateLimitError,
  RedirectError,
  SdkError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors.js';
export type { ApiErrorInit } from './errors.js';
export type { ClientErrorStatus, ErrorStatus, ServerErrorStatus, StatusError } from './error-status.js';
export { isProblem, problemExtensions, type ProblemDetails } from './problem.js';
export { MemoryTokenStore, type TokenRecord, type TokenStore } from './auth/token-store.js';
export type { OAuth2Tokens, OnTokens } from './auth/token-manager.js';
export type { ClientAuthMethod } from './auth/token-endpoint.js';
export { parseDeprecation, parseSunset, type DeprecationInfo, type OnDeprecation } from './signals/deprecation.js';
export { parseRateLimit, parseRateLimitReset, type RateLimitInfo } from './signals/rate-limit.js';
export {
  MemoryRateLimitStore,
  type RateLimitDecision,
  type RateLimitOutcome,
  type RateLimitStore,
  type RateLimitWindow,
} from './signals/rate-limit-store.js';
export type { Logger } from './logger.js';
export type { OnRequestHook, OnResponseHook, RequestHookInfo, ResponseHookInfo } from './hooks.js';
export type { RetryClock } from './retry/send-with-retries.js';
export type * from './operation.js';
export type { AttemptSignal, Transport, TransportBody, TransportRequest, TransportResponse } from './transport/types.js';
export { UndiciTransport } from './transport/undici.js';
export { RUNTIME_VERSION } from './user-agent.js';
export { FetchTransport, toAbortSignal } from './transport/fetch.js';
export { AutoTransport } from './transport/auto.js';
export { sendAttempt, type AttemptOptions } from './send.js';
export type { PreparedRequest } from './request/prepare.js';
export { MAX_ERROR_BODY_BYTES } from './response/decode.js';
export {
  Page,
  PagePromise,
  PaginationError,
  parseLinkHeader,
  type LinkValue,
  type PageRequest,
  type PageRequestOptions,
  type PageResponse,
  type PaginationOptions,
  type PaginationSpec,
  type PaginationStyle,
  type PageParamSpec,
} from './pagination/index.js';
export { Stream, type StreamResponseInfo } from './stream/stream.js';
export type { StreamEvent, StreamFormat } from './stream/decoders.js';
export { StreamedFile, toFile, type ToFileOptions, type Uploadable } from './request/upload.js';
export {
  OperationFailedError,
  Poller,
  type LongRunningSpec,
  type PollClient,
  type PollerState,
  type WaitOptions,
} from './poll/index.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE,
  signWebhook,
  unwrapWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type CustomWebhookScheme,
  type SignedWebhook,
  type SignWebhookOptions,
  type UnwrapWebhookOptions,
  type WebhookBody,
  type WebhookFailureReason,
  type WebhookHeaders,
  type WebhookScheme,
  type WebhookSecret,
} from './webhooks/index.js';
