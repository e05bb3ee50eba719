/**
 * Security schemes -> client options, and each operation's effective requirements.
 * @see ../../../README.md "Auth options"
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import type { Diagnostics } from '../diagnostics.js';
import { childPointer, isObject } from '../load/pointer.js';
import type { LoadedSpec } from '../load/index.js';
import type { SecuritySchemeModel } from '../model.js';
import { camelCase, safeIdentifier, uniqueName } from '../naming.js';
import { deref } from './refs.js';

/** `ClientOptions` members a credential option must not shadow. */
const CLIENT_OPTION_NAMES = [
  'baseUrl', 'maxRetries', 'timeout', 'maxRetryAfter', 'cache', 'transport', 'idempotencyHeader',
  'defaultHeaders', 'logger', 'onRequest', 'onResponse', 'fetch', 'headers', 'signal',
];

type Draft =
  | { key: string; description?: string; pointer: string; type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { key: string; description?: string; pointer: string; type: 'bearer'; source: 'http' | 'oauth2' | 'openIdConnect' }
  | { key: string; description?: string; pointer: string; type: 'basic' };

/** The default option name(s) of a scheme kind (README, "Auth options"). */
function defaultOptions(d: Draft): string[] {
  if (d.type === 'apiKey') return ['apiKey'];
  if (d.type === 'basic') return ['username', 'password'];
  return [d.source === 'http' ? 'bearerToken' : 'accessToken'];
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
    } else if (s.type === 'oauth2' || s.type === 'openIdConnect') {
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
    return { ...d, option };
  });
}

/** Scheme-key alternatives of a `security` array; `undefined` when the array is absent or malformed. */
export function readSecurity(raw: unknown): string[][] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).map((req) => Object.keys(req));
}
