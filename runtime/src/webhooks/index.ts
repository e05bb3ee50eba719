export { unwrapWebhook, verifyWebhook, DEFAULT_WEBHOOK_TOLERANCE, type UnwrapWebhookOptions, type WebhookSecret } from './unwrap.js';
export { signWebhook, type SignedWebhook, type SignWebhookOptions } from './sign.js';
export { WebhookVerificationError, type WebhookFailureReason } from './errors.js';
export type { CustomWebhookScheme, WebhookScheme } from './schemes.js';
export type { WebhookHeaders } from './headers.js';
export type { WebhookBody } from './encoding.js';
