import { brand, SdkError } from '../errors.js';

/** Why a webhook was refused. */
export type WebhookFailureReason =
  /** No signature matches the body under any of the secrets. */
  | 'signature'
  /** The signed timestamp is older (a replay) or newer than `tolerance` allows. */
  | 'timestamp'
  /** A header is missing or malformed, or the verified body is not JSON. */
  | 'format';

/**
 * `unwrapWebhook` refused a delivery. The message says what is wrong without echoing signatures or
 * secrets; `reason` is for code: answer `400` to `'format'`, `401` to `'signature'` and `'timestamp'`.
 */
export class WebhookVerificationError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.WebhookVerificationError');
  static {
    brand(this);
  }
  override name = 'WebhookVerificationError';
  readonly reason: WebhookFailureReason;

  constructor(reason: WebhookFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
