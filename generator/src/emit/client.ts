/**
 * `core.ts`: the options interface (runtime `ClientOptions` plus the spec's credential options)
 * and `<Name>Core`, a runtime `CoreClient` with this API's configuration and no resources: what the
 * standalone functions (`funcs.ts`) take. Everything the runtime needs to know about the spec as a
 * whole (servers, security schemes, idempotency header) goes into the `ClientConfig` literal here.
 *
 * `client.ts`: the client class, `<Name>Core` with one property per resource.
 */
import { StructureKind, type PropertySignatureStructure, type OptionalKind } from 'ts-morph';
import type { OAuth2Spec } from '@sdkgen/runtime';
import type { ApiModel, SecuritySchemeModel } from '../model.js';
import { multilineLiteral, Reference, type LiteralValue } from './descriptor.js';
import { docLines, EmitError, identifier, isIdentifierName } from './escape.js';
import { resourceModule, type EmitOptions, type GeneratedFile } from './resource.js';
import { headerComment, jsDoc, type SourcePrinter, type Statements } from './source-file.js';

/**
 * Members of the runtime's `BaseClient` and `ClientOptions`: a resource property or credential
 * option with one of these names would shadow the runtime's, so the normalizer must avoid them.
 * @see runtime/src/client.ts, runtime/src/options.ts
 */
export const BASE_CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  'options', 'config', 'transport', 'context', 'clock', 'cacheLayer', 'request', 'requestPage', 'requestOperation', 'prepare', 'execute',
  'attempt', 'close', 'constructor',
]);
export const CLIENT_OPTION_NAMES: ReadonlySet<string> = new Set([
  'baseUrl', 'maxRetries', 'timeout', 'maxRetryAfter', 'cache', 'transport', 'idempotencyHeader', 'defaultHeaders',
  'logger', 'onRequest', 'onResponse', 'allowCrossOriginPagination', 'rateLimit', 'onDeprecation', 'tokenStore',
  'rateLimitStore', 'clientAuth',
]);

/** One credential option of the generated options interface. */
interface CredentialOption {
  name: string;
  type: string;
  docs: string[];
}

function schemeDocs(scheme: SecuritySchemeModel, how: string): string[] {
  const lines = docLines(scheme.description ?? '');
  if (lines.length > 0) lines.push('');
  lines.push(...docLines(`${how} (security scheme \`${scheme.key}\`).`));
  return lines;
}

function credentialOptions(schemes: SecuritySchemeModel[]): CredentialOption[] {
  const out: CredentialOption[] = [];
  for (const s of schemes) {
    if (s.type === 'apiKey') {
      out.push({ name: s.option, type: 'string | undefined', docs: schemeDocs(s, `API key, sent in the ${s.in} \`${s.name}\``) });
    } else if (s.type === 'bearer') {
      const what = s.source === 'http' ? 'Bearer token' : s.source === 'oauth2' ? 'OAuth 2 access token' : 'OpenID Connect access token';
      out.push({
        name: s.option,
        type: 'Credential | undefined',
        docs: schemeDocs(s, `${what}, sent as \`Authorization: Bearer <token>\`; a function is called before every request`),
      });
      if (s.oauth2 !== undefined) out.push(...oauth2Options(s, s.oauth2));
    } else {
      out.push({ name: s.usernameOption, type: 'string | undefined', docs: schemeDocs(s, 'User name for HTTP basic authentication') });
      out.push({ name: s.passwordOption, type: 'string | undefined', docs: schemeDocs(s, 'Password for HTTP basic authentication') });
    }
  }
  const seen = new Set<string>();
  return out.filter((o) => {
    identifier(o.name, 'credential option name');
    if (CLIENT_OPTION_NAMES.has(o.name)) throw new EmitError(`Credential option ${o.name} collides with a ClientOptions member`);
    if (seen.has(o.name)) return false;
    seen.add(o.name);
    return true;
  });
}

/**
 * The options of an oauth2 scheme's flows the runtime runs itself (client credentials, refresh
 * tokens): docs/auth.md.
 */
function oauth2Options(s: SecuritySchemeModel, o: OAuth2Spec): CredentialOption[] {
  const cc = o.clientCredentials;
  const out: CredentialOption[] = [
    {
      name: o.clientIdOption,
      type: 'string | undefined',
      docs: schemeDocs(
        s,
        cc === undefined
          ? 'OAuth 2 client id, sent with refresh requests'
          : `OAuth 2 client id; with \`${o.clientSecretOption}\`, the SDK gets and refreshes tokens from ${cc.tokenUrl} itself (client credentials)`,
      ),
    },
    { name: o.clientSecretOption, type: 'string | undefined', docs: schemeDocs(s, 'OAuth 2 client secret; sent only to the token endpoint') },
  ];
  if (o.scopesOption !== undefined) {
    out.push({ name: o.scopesOption, type: 'readonly string[] | undefined', docs: schemeDocs(s, 'OAuth 2 scopes to ask for; default: the server\'s default') });
  }
  if (o.refreshTokenOption !== undefined) {
    out.push({
      name: o.refreshTokenOption,
      type: 'string | undefined',
      docs: schemeDocs(s, `OAuth 2 refresh token: the SDK gets access tokens from ${o.refresh?.tokenUrl ?? 'the token endpoint'} with it, and follows rotation`),
    });
  }
  if (o.onTokensOption !== undefined) {
    out.push({
      name: o.onTokensOption,
      type: 'OnTokens | undefined',
      docs: schemeDocs(s, 'Called with every new access/refresh token pair, so the app can persist a rotated refresh token'),
    });
  }
  return out;
}

function schemeSpec(s: SecuritySchemeModel): { [key: string]: LiteralValue | undefined } {
  if (s.type === 'apiKey') return { type: 'apiKey', in: s.in, name: s.name, option: s.option };
  if (s.type === 'bearer') return { type: 'bearer', option: s.option, oauth2: s.oauth2 as LiteralValue | undefined };
  return { type: 'basic', usernameOption: s.usernameOption, passwordOption: s.passwordOption };
}

/**
 * Whether a scheme has OAuth 2 flows the runtime runs: then the config hands the runtime its OAuth
 * part (`parts: { oauth: setupOAuth }`), which no other client bundles (docs/ARCHITECTURE.md).
 */
function runsOAuth(model: ApiModel): boolean {
  return model.securitySchemes.some((s) => s.type === 'bearer' && s.oauth2 !== undefined);
}

/** The `ClientConfig` literal passed to `CoreClient`. */
function configLiteral(model: ApiModel, name: string): string {
  // fromEntries defines own properties, so a scheme named `__proto__` stays a key, not a prototype.
  const schemes: { [key: string]: LiteralValue } = Object.fromEntries(model.securitySchemes.map((s) => [s.key, schemeSpec(s)]));
  return multilineLiteral(
    {
      baseUrl: model.servers[0]?.url,
      securitySchemes: model.securitySchemes.length > 0 ? schemes : undefined,
      idempotencyHeader: model.idempotencyHeader,
      sdkName: name,
      sdkVersion: model.version,
      parts: runsOAuth(model) ? { oauth: new Reference('setupOAuth') } : undefined,
    },
    ['securitySchemes'],
  );
}

/**
 * The constructor's `options` parameter: optional, unless the API description names no absolute
 * server URL; then `baseUrl` is required and the compiler, not a runtime throw, says so.
 */
function optionsParameter(model: ApiModel, name: string): { name: string; type: string; initializer?: string } {
  return model.servers.length === 0 ? { name: 'options', type: `${name}Options` } : { name: 'options', type: `${name}Options`, initializer: '{}' };
}

/** Emits `core.ts`: the options interface and `<Name>Core`. */
export function emitCore(model: ApiModel, name: string, options: EmitOptions, printer: SourcePrinter): GeneratedFile {
  identifier(name, 'client class name', 'type');
  const creds = credentialOptions(model.securitySchemes);
  const runtimeTypes = [
    'ClientOptions',
    ...(creds.some((c) => c.type.startsWith('Credential')) ? ['Credential'] : []),
    ...(creds.some((c) => c.type.startsWith('OnTokens')) ? ['OnTokens'] : []),
  ];
  const head: Statements = [
    headerComment(model.title, model.version),
    { kind: StructureKind.ImportDeclaration, namedImports: ['CoreClient', ...(runsOAuth(model) ? ['setupOAuth'] : [])], moduleSpecifier: options.runtimeImport },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: runtimeTypes, moduleSpecifier: options.runtimeImport },
  ];
  const optionProps: OptionalKind<PropertySignatureStructure>[] = creds.map((c) => ({
    name: c.name,
    hasQuestionToken: true,
    type: c.type,
    docs: jsDoc(c.docs),
  }));
  if (model.servers.length === 0) {
    optionProps.unshift({
      name: 'baseUrl',
      type: 'string',
      docs: jsDoc(['Where the API is, e.g. `https://api.example.com/v1`: required, because the API description names no absolute server URL.']),
    });
  }
  const title = docLines(model.title);
  const body: Statements = [
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: `${name}Options`,
      extends: ['ClientOptions'],
      docs: jsDoc([`Options of {@link ${name}} and {@link ${name}Core}: the runtime's client options and this API's credentials.`]),
      properties: optionProps,
    },
    {
      kind: StructureKind.Class,
      isExported: true,
      name: `${name}Core`,
      extends: 'CoreClient',
      docs: jsDoc([
        ...title,
        ...(title.length > 0 ? [''] : []),
        `The client without resource namespaces (same options as {@link ${name}}): pass it to the standalone`,
        'functions of `funcs`, so a bundle keeps only the operations an app calls.',
      ]),
      ctors: [
        {
          parameters: [optionsParameter(model, name)],
          statements: [`super(options, ${configLiteral(model, name)});`],
        },
      ],
    },
  ];
  return { path: 'core.ts', contents: printer.print('core.ts', head, body) };
}

/** Emits `client.ts`. */
export function emitClient(model: ApiModel, name: string, _options: EmitOptions, printer: SourcePrinter): GeneratedFile {
  identifier(name, 'client class name', 'type');
  const head: Statements = [
    headerComment(model.title, model.version),
    { kind: StructureKind.ImportDeclaration, namedImports: [`${name}Core`], moduleSpecifier: './core.js' },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: [`${name}Options`], moduleSpecifier: './core.js' },
  ];
  // OpenAPI 3.2 nested tags: a nested resource is a property of its parent's class, not of the client.
  const topLevel = model.resources.filter((r) => r.parent === undefined);
  for (const r of topLevel) {
    head.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: [identifier(r.className, 'resource class name', 'type')],
      moduleSpecifier: resourceModule(r.fileName),
    });
  }
  const title = docLines(model.title);
  const description = docLines(model.description ?? '');
  const classDocs = [...title, ...(description.length > 0 ? ['', ...description] : [])];
  const body: Statements = [
    {
      kind: StructureKind.Class,
      isExported: true,
      name,
      extends: `${name}Core`,
      docs: jsDoc(classDocs),
      properties: topLevel.map((r) => {
        if (!isIdentifierName(r.propertyName) || BASE_CLIENT_MEMBERS.has(r.propertyName)) {
          throw new EmitError(`Invalid or reserved resource property name: ${JSON.stringify(r.propertyName)}`);
        }
        return { name: r.propertyName, isReadonly: true, type: r.className, docs: jsDoc(docLines(r.description ?? '')) };
      }),
      ctors: [
        {
          parameters: [optionsParameter(model, name)],
          statements: ['super(options);', ...topLevel.map((r) => `this.${r.propertyName} = new ${r.className}(this);`)],
        },
      ],
    },
  ];
  return { path: 'client.ts', contents: printer.print('client.ts', head, body) };
}
