/**
 * Webhook verification with nothing but WebCrypto: the webhooks room bundled for the browser and
 * run in a `vm` context whose only non-ECMAScript globals are what a browser or edge worker has
 * (`crypto.subtle`, `TextEncoder`, `TextDecoder`, `atob`, `btoa`): no `process`, no `Buffer`, no
 * `require`, no `node:crypto`. Deliveries are signed outside, by the `standardwebhooks` package and
 * `node:crypto`.
 */
import { createHmac, webcrypto } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../../runtime/src/webhooks/index.ts', import.meta.url));
let bundle = '';

beforeAll(async () => {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', globalName: 'hooks', platform: 'browser', write: false, target: 'es2022' });
  bundle = result.outputFiles[0]!.text;
});

/** Runs `script` (which may await `hooks.*`) in a fresh browser-like context; returns its JSON result. */
async function inSandbox(script: string, input: unknown): Promise<unknown> {
  const context = createContext({
    crypto: { subtle: webcrypto.subtle },
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    input: JSON.stringify(input),
  });
  runInContext(bundle, context);
  const out = (await runInContext(`(async () => { const input_ = JSON.parse(input); ${script} })()`, context)) as string;
  return JSON.parse(out) as unknown;
}

const NOW_S = Math.floor(Date.UTC(2026, 10, 21, 12) / 1000);
const body = JSON.stringify({ type: 'report.ready', data: { reportId: 'rep_1' } });

describe('webhooks with WebCrypto only', () => {
  it('the bundle needs no Node built-in', () => {
    expect(bundle).not.toMatch(/\brequire\(|node:|\bBuffer\b|\bprocess\./);
    expect(bundle.length).toBeGreaterThan(1000);
  });

  it('the sandbox really lacks them', async () => {
    expect(await inSandbox('return JSON.stringify([typeof process, typeof Buffer, typeof require, typeof setTimeout]);', null)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  it('verifies Standard Webhooks, Stripe, GitHub and custom deliveries, and refuses tampered ones', async () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const standard = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW_S),
      'webhook-signature': new Webhook(secret).sign('msg_1', new Date(NOW_S * 1000), body),
    };
    const hex = (key: string, content: string) => createHmac('sha256', key).update(content).digest('hex');
    const input = {
      body,
      now: NOW_S * 1000,
      cases: [
        { headers: standard, options: { secret } },
        { headers: { 'stripe-signature': `t=${NOW_S},v1=${hex('sk', `${NOW_S}.${body}`)}` }, options: { secret: 'sk', scheme: 'stripe' } },
        { headers: { 'x-hub-signature-256': `sha256=${hex('gh', body)}` }, options: { secret: 'gh', scheme: 'github' } },
        {
          headers: { 'x-sig': hex('c', `${NOW_S}.${body}`), 'x-ts': String(NOW_S) },
          options: { secret: 'c', scheme: { header: 'x-sig', timestampHeader: 'x-ts' } },
        },
      ],
    };
    const results = await inSandbox(
      `const out = [];
       for (const c of input_.cases) {
         const options = { ...c.options, now: input_.now };
         const ok = await hooks.unwrapWebhook(input_.body, c.headers, options);
         const bytes = await hooks.unwrapWebhook(new TextEncoder().encode(input_.body), c.headers, options);
         const bad = await hooks.unwrapWebhook(input_.body + ' ', c.headers, options).then(() => 'accepted', (e) => e.name + ':' + e.reason);
         out.push([ok.data.reportId, bytes.type, bad]);
       }
       return JSON.stringify(out);`,
      input,
    );
    expect(results).toEqual(Array.from({ length: 4 }, () => ['rep_1', 'report.ready', 'WebhookVerificationError:signature']));
  });

  it('signs in the sandbox what node:crypto verifies', async () => {
    const signed = (await inSandbox(
      `return JSON.stringify(await hooks.signWebhook({ ok: true }, { secret: 'k', scheme: 'stripe', timestamp: ${NOW_S}, id: 'msg_x' }));`,
      null,
    )) as { body: string; headers: Record<string, string> };
    expect(signed.headers['stripe-signature']).toBe(`t=${NOW_S},v1=${createHmac('sha256', 'k').update(`${NOW_S}.${signed.body}`).digest('hex')}`);
  });
});
