import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BaseClient,
  type ClientOptions,
  type OAuth2Tokens,
  type OperationDescriptor,
  type RetryClock,
  type SecuritySchemeSpec,
} from '@sdkgen/runtime';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../../support/server.js';

const SECRET = 'sk_live_very-secret-value';

const schemes: Record<string, SecuritySchemeSpec> = {
  oauth: {
    type: 'bearer',
    option: 'accessToken',
    oauth2: {
      clientCredentials: { tokenUrl: '/oauth/token' },
      refresh: { tokenUrl: '/oauth/token' },
      clientIdOption: 'clientId',
      clientSecretOption: 'clientSecret',
      scopesOption: 'scopes',
      refreshTokenOption: 'refreshToken',
      onTokensOption: 'onTokens',
    },
  },
};

const getThing: OperationDescriptor = { id: 'getThing', method: 'GET', path: '/things/1', security: [['oauth']] };

interface Options extends ClientOptions {
  accessToken?: string | (() => string);
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  refreshToken?: string;
  onTokens?: (tokens: OAuth2Tokens) => void;
}

/** A clock the test moves by hand; sleeps resolve at once (they only poll). */
class FakeClock implements RetryClock {
  time = Date.UTC(2026, 0, 1);
  now = (): number => this.time;
  sleep = async (): Promise<void> => {};
  random = (): number => 0.5;
}

class Client extends BaseClient {
  constructor(options: Options, clock?: RetryClock) {
    super(options, { securitySchemes: schemes });
    if (clock) this.clock = clock;
  }
  thing(): Promise<unknown> {
    return this.request(getThing, [], undefined);
  }
}

/** A token endpoint and an API on one loopback server, with knobs. */
interface Auth {
  valid: Set<string>;
  issued: number;
  expiresIn: number | undefined;
  /** Refresh tokens the server accepts (each once: rotation). */
  refreshTokens: Set<string>;
  tokenError: { status: number; body: unknown } | undefined;
  /** Every API call answers 401. */
  reject401: boolean;
}

let server: TestServer;
let auth: Auth;
const tokenRequests = (): RecordedRequest[] => server.requests.filter((r) => r.url.startsWith('/oauth/token'));
const apiRequests = (): RecordedRequest[] => server.requests.filter((r) => r.url.startsWith('/things'));
const form = (r: RecordedRequest) => new URLSearchParams(r.body.toString());

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(() => {
  server.reset();
  auth = { valid: new Set(), issued: 0, expiresIn: 3600, refreshTokens: new Set(['rt-0']), tokenError: undefined, reject401: false };
  server.route('POST', '/oauth/token', async (req, res) => {
    if (auth.tokenError) return sendJson(res, auth.tokenError.status, auth.tokenError.body);
    const body = form(req);
    // Slow enough that concurrent callers really overlap.
    await new Promise((r) => setTimeout(r, 20));
    const n = ++auth.issued;
    const token = `at-${n}`;
    auth.valid.add(token);
    if (body.get('grant_type') === 'refresh_token') {
      const rt = body.get('refresh_token') ?? '';
      if (!auth.refreshTokens.delete(rt)) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'refresh token already used' });
      auth.refreshTokens.add(`rt-${n}`);
      return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: auth.expiresIn, refresh_token: `rt-${n}` });
    }
    return sendJson(res, 200, { access_token: token, token_type: 'bearer', ...(auth.expiresIn === undefined ? {} : { expires_in: auth.expiresIn }) });
  });
  server.route('GET', '/things/1', (req, res) => {
    const header = req.headers.authorization ?? '';
    if (auth.reject401 || !header.startsWith('Bearer ') || !auth.valid.has(header.slice(7))) {
      return sendJson(res, 401, { error: 'invalid_token' });
    }
    sendJson(res, 200, { id: 1, token: header.slice(7) });
  });
});

const cc = (extra: Partial<Options> = {}): Options => ({ baseUrl: server.url, clientId: 'app 1', clientSecret: SECRET, maxRetries: 0, ...extra });

describe('client credentials', () => {
  it('fetches one token for 50 concurrent calls (single flight), with HTTP Basic client authentication', async () => {
    const client = new Client(cc({ scopes: ['pets:read', 'pets:write'] }));
    const results = await Promise.all(Array.from({ length: 50 }, () => client.thing()));
    expect(results.every((r) => (r as { token: string }).token === 'at-1')).toBe(true);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(50);
    const [t] = tokenRequests();
    // RFC 6749 2.3.1: id and secret form-encoded, then Basic.
    expect(t!.headers.authorization).toBe(`Basic ${btoa(`app+1:${SECRET}`)}`);
    expect(t!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(form(t!))).toEqual({ grant_type: 'client_credentials', scope: 'pets:read pets:write' });
    await client.thing();
    expect(tokenRequests()).toHaveLength(1);
    await client.close();
  });

  it('sends client_id and client_secret in the body when asked (clientAuth: body)', async () => {
    const client = new Client(cc({ clientAuth: 'body' }));
    await client.thing();
    const [t] = tokenRequests();
    expect(t!.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(form(t!))).toEqual({ grant_type: 'client_credentials', client_id: 'app 1', client_secret: SECRET });
    await client.close();
  });

  it('resolves a relative token URL against the base URL', async () => {
    const client = new Client(cc({ baseUrl: `${server.url}/v1` }));
    // `/things/1` under /v1 is not routed: the token request is what this test looks at.
    await client.thing().catch(() => undefined);
    expect(tokenRequests().map((r) => r.url)).toEqual(['/oauth/token']);
    await client.close();
  });

  it('keeps the token until shortly before expires_in, then fetches a new one', async () => {
    const clock = new FakeClock();
    const client = new Client(cc(), clock);
    await client.thing();
    clock.time += 3_500_000; // 100 s before expiry: still good (the margin is 30 s)
    await client.thing();
    expect(tokenRequests()).toHaveLength(1);
    clock.time += 75_000; // 25 s before expiry: inside the margin
    const after = (await client.thing()) as { token: string };
    expect(after.token).toBe('at-2');
    expect(tokenRequests()).toHaveLength(2);
    await client.close();
  });

  it('a token without expires_in is kept until a 401', async () => {
    auth.expiresIn = undefined;
    const clock = new FakeClock();
    const client = new Client(cc(), clock);
    await client.thing();
    clock.time += 365 * 86_400_000;
    await client.thing();
    expect(tokenRequests()).toHaveLength(1);
    await client.close();
  });

  it('on a 401 gets a new token and retries the call once', async () => {
    const client = new Client(cc());
    await client.thing();
    auth.valid.clear(); // the server revoked at-1
    const result = (await client.thing()) as { token: string };
    expect(result.token).toBe('at-2');
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-2']);
    await client.close();
  });

  it('concurrent 401s on one token lead to one new token', async () => {
    const client = new Client(cc());
    await client.thing();
    auth.valid.clear();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.thing()));
    expect(results.every((r) => (r as { token: string }).token === 'at-2')).toBe(true);
    expect(tokenRequests()).toHaveLength(2);
    await client.close();
  });

  it('a persistent 401 fails after one refresh and one retry, never loops', async () => {
    auth.reject401 = true;
    const client = new Client(cc({ maxRetries: 5 }));
    const error = await client.thing().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(apiRequests()).toHaveLength(2);
    expect(tokenRequests()).toHaveLength(2);
    await client.close();
  });

  it('token endpoint errors become AuthenticationError with error and errorDescription; the API is not called', async () => {
    auth.tokenError = { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    const client = new Client(cc());
    const error = (await client.thing().catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.error).toBe('invalid_client');
    expect(error.errorDescription).toBe('Client authentication failed');
    expect(error.status).toBe(401);
    expect(error.message).toBe(`OAuth token request to ${server.url}/oauth/token failed with status 401: invalid_client (Client authentication failed)`);
    expect(apiRequests()).toHaveLength(0);

    auth.tokenError = { status: 400, body: { error: 'invalid_scope' } };
    const scoped = (await client.thing().catch((e: unknown) => e)) as AuthenticationError;
    expect(scoped).toBeInstanceOf(AuthenticationError);
    expect([scoped.status, scoped.error, scoped.errorDescription]).toEqual([400, 'invalid_scope', undefined]);
    await client.close();
  });

  it('an app-supplied token function is left alone', async () => {
    auth.valid.add('mine');
    const client = new Client(cc({ accessToken: () => 'mine' }));
    expect(((await client.thing()) as { token: string }).token).toBe('mine');
    expect(tokenRequests()).toHaveLength(0);
    await client.close();
  });
});

describe('refresh tokens', () => {
  it('refreshes with the rotated refresh token each time and reports every pair to onTokens', async () => {
    const clock = new FakeClock();
    const seen: OAuth2Tokens[] = [];
    const client = new Client({ baseUrl: server.url, refreshToken: 'rt-0', clientId: 'app', onTokens: (t) => seen.push(t), maxRetries: 0 }, clock);
    expect(((await client.thing()) as { token: string }).token).toBe('at-1');
    clock.time += 3_600_000;
    expect(((await client.thing()) as { token: string }).token).toBe('at-2');
    auth.valid.clear(); // a 401 also refreshes
    expect(((await client.thing()) as { token: string }).token).toBe('at-3');
    expect(tokenRequests().map((r) => form(r).get('refresh_token'))).toEqual(['rt-0', 'rt-1', 'rt-2']);
    // A public client (no secret) names itself in the body.
    expect(form(tokenRequests()[0]!).get('client_id')).toBe('app');
    expect(seen.map((t) => [t.accessToken, t.refreshToken])).toEqual([
      ['at-1', 'rt-1'],
      ['at-2', 'rt-2'],
      ['at-3', 'rt-3'],
    ]);
    expect(seen[0]!.expiresAt).toEqual(new Date(clock.time - 3_600_000 + 3_600_000 * 1));
    await client.close();
  });

  it('concurrent calls after expiry share one refresh', async () => {
    const clock = new FakeClock();
    const client = new Client({ baseUrl: server.url, refreshToken: 'rt-0', maxRetries: 0 }, clock);
    await client.thing();
    clock.time += 3_600_000;
    const results = await Promise.all(Array.from({ length: 20 }, () => client.thing()));
    expect(new Set(results.map((r) => (r as { token: string }).token))).toEqual(new Set(['at-2']));
    expect(tokenRequests()).toHaveLength(2);
    await client.close();
  });

  it('starts from an access token the app holds and refreshes it on a 401', async () => {
    auth.valid.add('held');
    const client = new Client({ baseUrl: server.url, accessToken: 'held', refreshToken: 'rt-0', maxRetries: 0 });
    expect(((await client.thing()) as { token: string }).token).toBe('held');
    expect(tokenRequests()).toHaveLength(0);
    auth.valid.delete('held');
    expect(((await client.thing()) as { token: string }).token).toBe('at-1');
    await client.close();
  });
});

describe('secrets', () => {
  it('no client secret, refresh token or access token in any log line or error message', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (m: string, d?: unknown) => lines.push(m + JSON.stringify(d)),
      warn: (m: string, d?: unknown) => lines.push(m + JSON.stringify(d)),
    };
    const messages: string[] = [];
    const collect = (e: unknown) => messages.push(String(e), (e as Error).stack ?? '', JSON.stringify(e));
    const client = new Client(cc({ logger, refreshToken: 'rt-0', maxRetries: 1 }));
    await client.thing();
    auth.valid.clear();
    await client.thing();
    auth.reject401 = true;
    await client.thing().catch(collect);
    auth.tokenError = { status: 400, body: { error: 'invalid_grant', error_description: 'no' } };
    auth.valid.clear();
    await client.thing().catch(collect);
    auth.tokenError = { status: 503, body: { error: 'down' } };
    await client.thing().catch(collect);
    expect(messages.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    const everything = [...lines, ...messages].join('\n');
    for (const secret of [SECRET, encodeURIComponent(SECRET), btoa(`app+1:${SECRET}`), 'rt-0', 'rt-1', 'at-1', 'at-2']) {
      expect(everything).not.toContain(secret);
    }
    await client.close();
  });
});

describe('the secret only goes to the token endpoint', () => {
  it.each(['basic', 'body'] as const)('a token endpoint redirecting to another origin never hands it the secret (%s)', async (clientAuth) => {
    const elsewhere = await startServer();
    try {
      elsewhere.route('POST', '/steal', (_req, res) => sendJson(res, 400, { error: 'invalid_client' }));
      server.route('POST', '/oauth/token', (_req, res) => {
        res.writeHead(307, { location: `${elsewhere.url}/steal` });
        res.end();
      });
      const client = new Client(cc({ clientAuth }));
      const error = await client.thing().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).not.toContain(SECRET);
      for (const r of elsewhere.requests) {
        expect(JSON.stringify(r.headers) + r.body.toString()).not.toContain(SECRET);
        expect(JSON.stringify(r.headers)).not.toContain(btoa(`app+1:${SECRET}`));
      }
      // Basic: the hop went without the Authorization header; body: it was refused.
      expect(elsewhere.requests).toHaveLength(clientAuth === 'basic' ? 1 : 0);
      await client.close();
    } finally {
      await elsewhere.close();
    }
  });
});
