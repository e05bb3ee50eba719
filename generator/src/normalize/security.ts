/**
 * Security schemes -> client options, and each operation's effective requirements.
 * @see ../../../README.md "Auth options"
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import type { Diagnostics } from '../diagnostics.js';
import { childPointer, isObject } from '../load/pointer.js';
import type { LoadedSpec } from '../load/index.js';
import type { OAuth2Spec } from '@sdkgen/runtime';
import type { SecuritySchemeModel } from '../model.js';
import { camelCase, safeIdentifier, uniqueName } from '../naming.js';
import { deref } from './refs.js';

/** `ClientOptions` members a credential option must not shadow. */
const CLIENT_OPTION_NAMES = [
  'baseUrl', 'maxRetries', 'timeout', 'maxRetryAfter', 'cache', 'transport', 'idempotencyHeader',
  'defaultHeaders', 'logger', 'onRequest', 'onResponse', 'fetch', 'headers', 'signal',
  'allowCrossOriginPagination', 'rateLimit', 'onDeprecation', 'tokenStore', 'rateLimitStore', 'clientAuth',
];

/** The token-endpoint flows of an oauth2 scheme, as read from the spec (option names come later). */
interface FlowsDraft {
  clientCredentials?: { tokenUrl: string };
  refresh?: { tokenUrl: string };
  clientAuth?: 'basic' | 'body';
}

type Draft =
  | { key: string; description?: string; pointer: string; type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { key: string; description?: string; pointer: string; type: 'bearer'; source: 'http' | 'oauth2' | 'openIdConnect'; flows?: FlowsDraft }
  | { key: string; description?: string; pointer: string; type: 'basic' };

/** The default option name(s) of a scheme kind (README, "Auth options"). */
function defaultOptions(d: Draft): string[] {
  if (d.type === 'apiKey') return ['apiKey'];
  if (d.type === 'basic') return ['username', 'password'];
  return [d.source === 'http' ? 'bearerToken' : 'accessToken', ...flowOptions(d.flows).map(([, name]) => name)];
}

type FlowOption = 'clientIdOption' | 'clientSecretOption' | 'scopesOption' | 'refreshTokenOption' | 'onTokensOption';

/**
 * The extra options of an oauth2 scheme whose flows the runtime runs: client credentials give
 * `clientId`, `clientSecret`, `scopes`; refresh flows give `refreshToken`, `onTokens` (and the
 * client id and secret, which authenticate the refresh request).
 */
function flowOptions(flows: FlowsDraft | undefined): [FlowOption, string, string][] {
  if (flows === undefined) return [];
  const out: [FlowOption, string, string][] = [
    ['clientIdOption', 'clientId', 'client id'],
    ['clientSecretOption', 'clientSecret', 'client secret'],
  ];
  if (flows.clientCredentials) out.push(['scopesOption', 'scopes', 'scopes']);
  if (flows.refresh) out.push(['refreshTokenOption', 'refreshToken', 'refresh token'], ['onTokensOption', 'onTokens', 'on tokens']);
  return out;
}

/**
 * `flows.clientCredentials.tokenUrl`, and the token (or refresh) URL of the first flow that issues
 * refresh tokens (`authorizationCode`, `password`). Flows without a string `tokenUrl` are warned
 * about and left to the app (`accessToken`).
 */
function readFlows(s: Record<string, unknown>, spec: LoadedSpec, pointer: string, diags: Diagnostics): FlowsDraft | undefined {
  const flows = isObject(s.flows) ? s.flows : {};
  const draft: FlowsDraft = {};
  const url = (name: string, field: 'tokenUrl' | 'refreshUrl'): string | undefined => {
    const flow = flows[name];
    if (!isObject(flow)) return undefined;
    const value = flow[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (field === 'tokenUrl') {
      const o = spec.origin(childPointer(childPointer(childPointer(pointer, 'flows'), name), 'tokenUrl'));
      diags.warn('SDKGEN_OAUTH2_FLOW_UNUSABLE', o.file, o.pointer, `The ${name} flow of "${pointer.split('/').pop()}" has no tokenUrl; the SDK will not run it.`, 'Give the flow a tokenUrl (absolute, or relative to the server URL).');
    }
    return undefined;
  };
  const cc = url('clientCredentials', 'tokenUrl');
  if (cc !== undefined) draft.clientCredentials = { tokenUrl: cc };
  for (const name of ['authorizationCode', 'password']) {
    const token = url(name, 'tokenUrl');
    if (token === undefined) continue;
    draft.refresh = { tokenUrl: url(name, 'refreshUrl') ?? token };
    break;
  }
  const method = s['x-token-endpoint-auth-method'];
  if (method === 'client_secret_post') draft.clientAuth = 'body';
  else if (method === 'client_secret_basic') draft.clientAuth = 'basic';
  return draft.clientCredentials !== undefined || draft.refresh !== undefined ? draft : undefined;
}

/** Reads `components.securitySchemes`; unsupported kinds (e.g. http digest, mutualTLS) get a warning. */
export function normalizeSecuritySchemes(spec: LoadedSpec, diags: Diagnostics): SecuritySchemeModel[] {
  const doc = spec.document;
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const drafts: Draft[] = [];
  for (const [key, raw] of Object.entries(schemes)) {
    const pointer = childPointer('#/components/securitySchemes', key);
    const s = deref(doc, raw);
    if (!isObject(s)) continue;
    const base = { key, pointer, ...(typeof s.description === 'string' ? { description: s.description } : {}) };
    const httpScheme = typeof s.scheme === 'string' ? s.scheme.toLowerCase() : '';
    if (s.type === 'apiKey' && (s.in === 'header' || s.in === 'query' || s.in === 'cookie') && typeof s.name === 'string') {
      drafts.push({ ...base, type: 'apiKey', in: s.in, name: s.name });
    } else if (s.type === 'http' && httpScheme === 'bearer') {
      drafts.push({ ...base, type: 'bearer', source: 'http' });
    } else if (s.type === 'http' && httpScheme === 'basic') {
      drafts.push({ ...base, type: 'basic' });
    } else if (s.type === 'oauth2') {
      const flows = readFlows(s, spec, pointer, diags);
      drafts.push({ ...base, type: 'bearer', source: s.type, ...(flows ? { flows } : {}) });
    } else if (s.type === 'openIdConnect') {
      drafts.push({ ...base, type: 'bearer', source: s.type });
    } else {
      const o = spec.origin(pointer);
      diags.warn('SDKGEN_SECURITY_SCHEME_UNSUPPORTED', o.file, o.pointer, `Security scheme "${key}" (${String(s.type)}${httpScheme ? ` ${httpScheme}` : ''}) is not supported; requests will not carry it.`, 'Use http bearer/basic, apiKey, oauth2 or openIdConnect, or set the credential with `defaultHeaders`.');
    }
  }
  // An option name shared by several schemes is replaced by names derived from each scheme's key.
  const counts = new Map<string, number>();
  for (const d of drafts) for (const o of defaultOptions(d)) counts.set(o, (counts.get(o) ?? 0) + 1);
  const taken = new Set(CLIENT_OPTION_NAMES);
  const shared = (d: Draft) => defaultOptions(d).some((o) => (counts.get(o) ?? 0) > 1);
  // Unshared defaults are claimed first so a derived name never takes one of them.
  for (const d of drafts) if (!shared(d)) for (const o of defaultOptions(d)) taken.add(o);
  return drafts.map((d): SecuritySchemeModel => {
    const own = !shared(d);
    const stem = safeIdentifier(d.key, undefined, 'auth');
    if (d.type === 'basic') {
      const { type: _t, ...rest } = d;
      return own
        ? { ...rest, type: 'basic', usernameOption: 'username', passwordOption: 'password' }
        : { ...rest, type: 'basic', usernameOption: uniqueName(camelCase(`${stem} username`), taken), passwordOption: uniqueName(camelCase(`${stem} password`), taken) };
    }
    const option = own ? (defaultOptions(d)[0] ?? 'apiKey') : uniqueName(stem.replace(/_$/, 'Key'), taken);
    if (d.type !== 'bearer' || d.flows === undefined) return { ...d, option };
    const { flows, ...rest } = d;
    const names: Partial<Record<FlowOption, string>> = {};
    for (const [field, name, words] of flowOptions(flows)) names[field] = own ? name : uniqueName(camelCase(`${stem} ${words}`), taken);
    const oauth2: OAuth2Spec = {
      ...(flows.clientCredentials ? { clientCredentials: flows.clientCredentials } : {}),
      ...(flows.refresh ? { refresh: flows.refresh } : {}),
      ...(flows.clientAuth ? { clientAuth: flows.clientAuth } : {}),
      clientIdOption: names.clientIdOption!,
      clientSecretOption: names.clientSecretOption!,
      ...(names.scopesOption ? { scopesOption: names.scopesOption } : {}),
      ...(names.refreshTokenOption ? { refreshTokenOption: names.refreshTokenOption } : {}),
      ...(names.onTokensOption ? { onTokensOption: names.onTokensOption } : {}),
    };
    return { ...rest, option, oauth2 };
  });
}

/** Scheme-key alternatives of a `security` array; `undefined` when the array is absent or malformed. */
export function readSecurity(raw: unknown): string[][] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).map((req) => Object.keys(req));
}
