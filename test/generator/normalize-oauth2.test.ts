import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpecFromObject } from '../../generator/src/load/index.js';
import type { ApiModel } from '../../generator/src/model.js';
import { normalize } from '../../generator/src/normalize/index.js';

function schemesOf(securitySchemes: object): { model: ApiModel; diags: Diagnostics } {
  const diags = new Diagnostics();
  const doc = { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, components: { securitySchemes } };
  return { model: normalize(loadSpecFromObject(doc), diags), diags };
}

describe('oauth2 flows -> client options (DESIGN.md section 3)', () => {
  it('client credentials give clientId, clientSecret and scopes; x-token-endpoint-auth-method picks body auth', () => {
    const { model } = schemesOf({
      oauth: { type: 'oauth2', 'x-token-endpoint-auth-method': 'client_secret_post', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: {} } } },
    });
    expect(model.securitySchemes[0]).toMatchObject({
      option: 'accessToken',
      oauth2: { clientCredentials: { tokenUrl: '/oauth/token' }, clientAuth: 'body', clientIdOption: 'clientId', clientSecretOption: 'clientSecret', scopesOption: 'scopes' },
    });
  });

  it('flows issuing refresh tokens give refreshToken and onTokens; refreshUrl wins over tokenUrl', () => {
    const { model } = schemesOf({
      user: {
        type: 'oauth2',
        flows: {
          implicit: { authorizationUrl: 'https://a/authorize', scopes: {} },
          authorizationCode: { authorizationUrl: 'https://a/authorize', tokenUrl: 'https://a/token', refreshUrl: 'https://a/refresh', scopes: {} },
        },
      },
    });
    expect(model.securitySchemes[0]).toMatchObject({
      oauth2: { refresh: { tokenUrl: 'https://a/refresh' }, clientIdOption: 'clientId', clientSecretOption: 'clientSecret', refreshTokenOption: 'refreshToken', onTokensOption: 'onTokens' },
    });
    expect((model.securitySchemes[0] as { oauth2: object }).oauth2).not.toHaveProperty('scopesOption');
  });

  it('implicit-only and openIdConnect schemes stay plain access tokens', () => {
    const { model } = schemesOf({
      implicitOnly: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a', scopes: {} } } },
    });
    expect(model.securitySchemes[0]).toEqual({ key: 'implicitOnly', pointer: '#/components/securitySchemes/implicitOnly', type: 'bearer', source: 'oauth2', option: 'accessToken' });
  });

  it('several oauth2 schemes: every option is named after its scheme', () => {
    const { model } = schemesOf({
      machine_auth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a/token', scopes: {} } } },
      partner: { type: 'oauth2', flows: { password: { tokenUrl: 'https://b/token', scopes: {} } } },
    });
    expect(model.securitySchemes.map((s) => (s.type === 'bearer' ? [s.option, s.oauth2] : undefined))).toEqual([
      [
        'machineAuth',
        { clientCredentials: { tokenUrl: 'https://a/token' }, clientIdOption: 'machineAuthClientId', clientSecretOption: 'machineAuthClientSecret', scopesOption: 'machineAuthScopes' },
      ],
      [
        'partner',
        { refresh: { tokenUrl: 'https://b/token' }, clientIdOption: 'partnerClientId', clientSecretOption: 'partnerClientSecret', refreshTokenOption: 'partnerRefreshToken', onTokensOption: 'partnerOnTokens' },
      ],
    ]);
  });

  it('a flow without tokenUrl is reported and not run', () => {
    const { model, diags } = schemesOf({ oauth: { type: 'oauth2', flows: { clientCredentials: { scopes: {} } } } });
    expect(model.securitySchemes[0]).not.toHaveProperty('oauth2');
    expect(diags.items.map((d) => [d.code, d.pointer])).toEqual([['SDKGEN_OAUTH2_FLOW_UNUSABLE', '#/components/securitySchemes/oauth/flows/clientCredentials/tokenUrl']]);
  });

  it('the generated client declares the options and hands the flows to the runtime, escaped', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: { '/x': { get: { operationId: 'getX', deprecated: true, security: [{ oauth: [] }], responses: { '200': { description: 'ok' } } } } },
      components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: "https://a/token?x='*/", scopes: {} } } } } },
    };
    const { files } = await generate(loadSpecFromObject(doc), { name: 'T' });
    const client = files.find((f) => f.path === 'core.ts')!.contents;
    expect(client).toContain('clientId?: string | undefined;');
    expect(client).toContain('clientSecret?: string | undefined;');
    expect(client).toContain('scopes?: readonly string[] | undefined;');
    expect(client).toContain(`oauth2: { clientCredentials: { tokenUrl: 'https://a/token?x=\\'*/' }, clientIdOption: 'clientId'`);
    // The comment cannot be closed from the spec.
    expect(client).toContain("tokens from https://a/token?x='*\\/ itself");
    const resource = files.find((f) => f.path.startsWith('resources/'))!.contents;
    expect(resource).toContain('deprecated: true,');
  });
});
