/**
 * `webhooks.ts`, for specs with webhooks: the payload of each webhook (`WebhookEvents`, keyed by
 * webhook name), their union (`WebhookEvent`) and `unwrapWebhook` typed to return it. Payload types
 * index into openapi-typescript's `webhooks` root (`x-webhooks` is handed to it as `webhooks`).
 * @see ../../../docs/webhooks.md
 */
import type { ApiModel } from '../model.js';
import { docLines, propertyKey, stringLiteral } from './escape.js';
import type { EmitOptions, GeneratedFile } from './resource.js';
import { headerComment } from './source-file.js';

/** Names `webhooks.ts` exports (and index.ts re-exports). */
export const WEBHOOK_VALUE_EXPORTS = ['unwrapWebhook'] as const;
export const WEBHOOK_TYPE_EXPORTS = ['WebhookEvent', 'WebhookEvents'] as const;

/** Whether the SDK gets a `webhooks.ts`. */
export function hasWebhooks(model: ApiModel): boolean {
  return (model.webhooks?.length ?? 0) > 0;
}

/** Emits `webhooks.ts`, or nothing when the spec declares no webhook with a JSON payload. */
export function emitWebhooks(model: ApiModel, options: EmitOptions): GeneratedFile[] {
  const hooks = model.webhooks ?? [];
  if (hooks.length === 0) return [];
  // One member per webhook name; a name with several methods or media types gets their union.
  const byName = new Map<string, string[]>();
  for (const h of hooks) {
    const list = byName.get(h.name) ?? [];
    for (const mt of h.mediaTypes) {
      list.push(`NonNullable<webhooks[${stringLiteral(h.name)}][${stringLiteral(h.method)}]['requestBody']>['content'][${stringLiteral(mt)}]`);
    }
    byName.set(h.name, list);
  }
  const members = [...byName].map(([name, types]) => `  ${propertyKey(name, 'type')}: ${[...new Set(types)].join(' | ')};`);
  const runtime = stringLiteral(options.runtimeImport);
  const names = docLines([...byName.keys()].map((n) => `\`${n}\``).join(', ')).join(' ');
  const contents = [
    headerComment(model.title, model.version),
    `import { unwrapWebhook as unwrapSignedWebhook } from ${runtime};`,
    `import type { UnwrapWebhookOptions, WebhookBody, WebhookHeaders } from ${runtime};`,
    "import type { webhooks } from './types.js';",
    '',
    `/** The payload of each webhook this API sends, by webhook name: ${names}. */`,
    'export interface WebhookEvents {',
    ...members,
    '}',
    '',
    '/** Any webhook payload this API sends; narrow it on its discriminator (e.g. `event.type`). */',
    'export type WebhookEvent = WebhookEvents[keyof WebhookEvents];',
    '',
    '/**',
    ' * Verifies a webhook delivery (HMAC-SHA256, constant-time, timestamp within `tolerance`) before',
    ' * parsing it, then returns its payload. Pass the raw body as received, a string or bytes.',
    " * Schemes: Standard Webhooks (default), `'stripe'`, `'github'`, or `{ header, timestampHeader }`.",
    ' * @throws WebhookVerificationError with `reason` `signature`, `timestamp` or `format`',
    ' */',
    'export function unwrapWebhook(body: WebhookBody, headers: WebhookHeaders, options: UnwrapWebhookOptions): Promise<WebhookEvent> {',
    '  return unwrapSignedWebhook<WebhookEvent>(body, headers, options);',
    '}',
    '',
  ].join('\n');
  return [{ path: 'webhooks.ts', contents }];
}
