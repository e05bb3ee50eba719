import { brand, SdkError } from '../errors.js';
import { statusWord } from './terminal.js';

const MESSAGE_DETAIL_CHARS = 300;

/** The human part of a failed status: `error.message`, `error.code`, a string `error`, else the status word. */
function failureDetail(status: unknown): string {
  if (typeof status !== 'object' || status === null) return '';
  const body = status as Record<string, unknown>;
  const error = body['error'];
  let text = '';
  if (typeof error === 'string') text = error;
  else if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const message = typeof e['message'] === 'string' ? e['message'] : '';
    const code = typeof e['code'] === 'string' || typeof e['code'] === 'number' ? String(e['code']) : '';
    text = code !== '' && message !== '' ? `${code}: ${message}` : message || code;
  }
  if (text === '') text = statusWord(status) ?? '';
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MESSAGE_DETAIL_CHARS ? `${text.slice(0, MESSAGE_DETAIL_CHARS)}...` : text;
}

/**
 * A long-running operation ended without success (`failed`, `canceled`, `error`, or Google's
 * `done: true` with an `error`). `operation` is the final status body, typed from the spec, so
 * `error.operation.error` carries the server's `{ code, message }`.
 */
export class OperationFailedError<TStatus = unknown> extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.OperationFailedError');
  static {
    brand(this);
  }
  override name = 'OperationFailedError';
  /** The final status body. */
  readonly operation: TStatus;
  /** The operation's id (from the descriptor), for logs. */
  readonly operationId: string;
  /** The status URL that reported the failure. */
  readonly statusUrl: string;

  constructor(operationId: string, statusUrl: string, operation: TStatus) {
    const detail = failureDetail(operation);
    super(`Operation ${operationId} failed${detail === '' ? '' : `: ${detail}`}`);
    this.operation = operation;
    this.operationId = operationId;
    this.statusUrl = statusUrl;
  }
}
