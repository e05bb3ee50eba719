/**
 * One worker of the fleet test (forked by stores.test.ts): a client-credentials client on shared
 * Redis stores, pacing its rate limit. Waits for 'go', makes `CALLS` calls at once, reports.
 */
import { createClient } from 'redis';
import { BaseClient, type OperationDescriptor, type SecuritySchemeSpec } from '../../../runtime/src/index.js';
import { redisStores } from '../../../runtime/src/redis/index.js';

const { REDIS_URL, API_URL, PREFIX, CALLS } = process.env;
const schemes: Record<string, SecuritySchemeSpec> = {
  oauth: {
    type: 'bearer',
    option: 'accessToken',
    oauth2: { clientCredentials: { tokenUrl: '/oauth/token' }, clientIdOption: 'clientId', clientSecretOption: 'clientSecret' },
  },
};
const op: OperationDescriptor = { id: 'getItem', method: 'GET', path: '/items', security: [['oauth']] };

const redis = createClient({ url: REDIS_URL });
redis.on('error', () => undefined);
await redis.connect();
const stores = redisStores(redis, { prefix: PREFIX });
const client = new BaseClient(
  {
    baseUrl: API_URL,
    clientId: 'fleet',
    clientSecret: 'fleet-secret',
    rateLimit: 'pace',
    maxRetries: 0,
    cache: stores.cache,
    tokenStore: stores.tokens,
    rateLimitStore: stores.rateLimit,
  } as object,
  { securitySchemes: schemes },
);

process.send!({ ready: true });
process.once('message', async () => {
  const results = await Promise.allSettled(Array.from({ length: Number(CALLS) }, () => client.request(op, [], undefined)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  process.send!({ ok: results.length - failures.length, failures }, () => {
    void client.close().then(() => redis.quit()).finally(() => process.exit(0));
  });
});
