/**
 * Types that key an operation's errors by HTTP status, so `if (error.status === 404)` narrows
 * `error.problem` to what the spec declares for 404. Types only: nothing here reaches a bundle.
 */
import type { ApiError } from './errors.js';

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** `"404"` -> `404` (TypeScript 4.8+). */
type NumberOf<S> = S extends `${infer N extends number}` ? N : never;

/** 400 through 499. */
export type ClientErrorStatus = NumberOf<`4${Digit}${Digit}`>;
/** 500 through 599. */
export type ServerErrorStatus = NumberOf<`5${Digit}${Digit}`>;
/** Every status an `ApiError` may carry: 3xx not followed as a redirect, 4xx, 5xx. */
export type ErrorStatus = NumberOf<`3${Digit}${Digit}`> | ClientErrorStatus | ServerErrorStatus;

/**
 * An `ApiError` for the statuses `S` whose `problem` is `TProblem`: generated error types are
 * unions of these, one member per error response of the operation, discriminated by `status`.
 */
export type StatusError<S extends number, TProblem> = ApiError<Extract<TProblem, object>> & { readonly status: S };
