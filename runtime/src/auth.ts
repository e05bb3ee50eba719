import type { SecurityRequirement, SecuritySchemeSpec } from './operation.js';
import { addCredential, type CredentialSink } from './request/credentials.js';
import { encodeQueryComponent } from './request/query.js';

/**
 * Where auth writes: the request's lower-case headers, query pairs and cookie pairs, and the record
 * of which of them are credentials (`addCredential`).
 */
export interface AuthTarget extends CredentialSink {
  readonly headers: Record<string, string>;
  readonly query: string[];
  readonly cookies: string[];
}

type Options = Readonly<Record<string, unknown>>;
type Schemes = Readonly<Record<string, SecuritySchemeSpec>>;

/** A resolved credential: one string, or username and password. */
type Credential = string | readonly [string, string];

/**
 * Applies the first security alternative whose credentials the client holds (an empty alternative,
 * `[]`, means "anonymous is fine" and applies nothing). When none fits, nothing is applied and the
 * server's 401 tells the caller. Function credentials are called per request, lazily, in order;
 * the call is synchronous (no promise, it runs on every request) unless one of them is consulted.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export function applyAuth(
  target: AuthTarget,
  security: readonly SecurityRequirement[] | undefined,
  schemes: Schemes | undefined,
  options: Options,
): void | Promise<void> {
  if (security === undefined || schemes === undefined) return;
  for (let i = 0; i < security.length; i++) {
    const alternative = security[i]!;
    let complete = true;
    for (const name of alternative) {
      const scheme = schemes[name];
      if (scheme !== undefined && usesFunction(scheme, options)) return applyAuthAsync(target, security.slice(i), schemes, options);
      if (credentialOf(scheme, options) === undefined) {
        complete = false;
        break;
      }
    }
    if (complete) {
      for (const name of alternative) writeCredential(target, schemes[name]!, credentialOf(schemes[name], options)!);
      return;
    }
  }
}

async function applyAuthAsync(
  target: AuthTarget,
  security: readonly SecurityRequirement[],
  schemes: Schemes,
  options: Options,
): Promise<void> {
  for (const alternative of security) {
    const values: Credential[] = [];
    for (const name of alternative) {
      const value = await credentialOfAsync(schemes[name], options);
      if (value === undefined) break;
      values.push(value);
    }
    if (values.length === alternative.length) {
      alternative.forEach((name, j) => writeCredential(target, schemes[name]!, values[j]!));
      return;
    }
  }
}

/** A function credential that must be awaited: one without `peek`, or whose `peek` has nothing fresh (auth/oauth2.ts). */
function awaited(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  const peek = (value as { peek?: unknown }).peek;
  return typeof peek !== 'function' || readString((peek as () => unknown)()) === undefined;
}

function usesFunction(scheme: SecuritySchemeSpec, options: Options): boolean {
  if (scheme.type !== 'basic') return awaited(options[scheme.option]);
  return typeof options[scheme.usernameOption] === 'function' || typeof options[scheme.passwordOption] === 'function';
}

/** A string credential, or a managed token's cached value (`peek`). */
function readString(value: unknown): string | undefined {
  if (typeof value === 'function') {
    const peek = (value as { peek?: unknown }).peek;
    return typeof peek === 'function' ? readString((peek as () => unknown)()) : undefined;
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function credentialOf(scheme: SecuritySchemeSpec | undefined, options: Options): Credential | undefined {
  if (scheme === undefined) return undefined;
  if (scheme.type !== 'basic') return readString(options[scheme.option]);
  // Basic auth needs a username; an absent password is sent empty (some APIs put the key in the username).
  const user = readString(options[scheme.usernameOption]);
  return user === undefined ? undefined : [user, readString(options[scheme.passwordOption]) ?? ''];
}

async function resolveOption(options: Options, name: string): Promise<string | undefined> {
  const v = options[name];
  const now = readString(v);
  return now ?? readString(typeof v === 'function' ? await (v as () => unknown)() : v);
}

async function credentialOfAsync(scheme: SecuritySchemeSpec | undefined, options: Options): Promise<Credential | undefined> {
  if (scheme === undefined) return undefined;
  if (scheme.type !== 'basic') return resolveOption(options, scheme.option);
  const user = await resolveOption(options, scheme.usernameOption);
  return user === undefined ? undefined : [user, (await resolveOption(options, scheme.passwordOption)) ?? ''];
}

function writeCredential(target: AuthTarget, scheme: SecuritySchemeSpec, value: Credential): void {
  switch (scheme.type) {
    case 'bearer':
      target.headers['authorization'] = `Bearer ${value as string}`;
      addCredential(target, 'header', 'authorization');
      return;
    case 'basic': {
      const [user, password] = value as readonly [string, string];
      target.headers['authorization'] = `Basic ${base64Utf8(`${user}:${password}`)}`;
      addCredential(target, 'header', 'authorization');
      return;
    }
    case 'apiKey': {
      const key = value as string;
      if (scheme.in === 'header') target.headers[scheme.name.toLowerCase()] = key;
      else if (scheme.in === 'query') target.query.push(`${encodeQueryComponent(scheme.name)}=${encodeQueryComponent(key)}`);
      else target.cookies.push(`${scheme.name}=${encodeURIComponent(key)}`);
      addCredential(target, scheme.in, scheme.name);
      return;
    }
  }
}

/**
 * Base64 of the UTF-8 bytes, as RFC 7617 recommends for non-ASCII user names; works without Buffer.
 * @see https://www.rfc-editor.org/rfc/rfc7617#section-2.1
 */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
