import type { SecurityRequirement, SecuritySchemeSpec } from './operation.js';
import { encodeQueryComponent } from './request/query.js';

/** Where auth writes: the request's lower-case headers, query pairs and cookie pairs. */
export interface AuthTarget {
  readonly headers: Record<string, string>;
  readonly query: string[];
  readonly cookies: string[];
}

type Options = Readonly<Record<string, unknown>>;

/**
 * Applies the first security alternative whose credentials the client holds (an empty alternative,
 * `[]`, means "anonymous is fine" and applies nothing). When none fits, nothing is applied and the
 * server's 401 tells the caller. Function credentials are called per request, lazily, in order;
 * the call is synchronous unless one of them is consulted.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export function applyAuth(
  target: AuthTarget,
  security: readonly SecurityRequirement[] | undefined,
  schemes: Readonly<Record<string, SecuritySchemeSpec>> | undefined,
  options: Options,
): void | Promise<void> {
  if (security === undefined || schemes === undefined) return;
  for (let i = 0; i < security.length; i++) {
    const alternative = security[i]!;
    if (alternative.some((name) => usesFunction(schemes[name], options))) {
      return applyAuthAsync(target, security.slice(i), schemes, options);
    }
    const values = alternative.map((name) => credentialOf(schemes[name], options, readSync));
    if (values.every((v) => v !== undefined)) {
      alternative.forEach((name, j) => writeCredential(target, schemes[name]!, values[j]!));
      return;
    }
  }
}

async function applyAuthAsync(
  target: AuthTarget,
  security: readonly SecurityRequirement[],
  schemes: Readonly<Record<string, SecuritySchemeSpec>>,
  options: Options,
): Promise<void> {
  for (const alternative of security) {
    const values: (Credential | undefined)[] = [];
    for (const name of alternative) {
      const value = await credentialOfAsync(schemes[name], options);
      values.push(value);
      if (value === undefined) break;
    }
    if (values.every((v) => v !== undefined)) {
      alternative.forEach((name, j) => writeCredential(target, schemes[name]!, values[j]!));
      return;
    }
  }
}

/** A resolved credential: one string, or username and password. */
type Credential = string | readonly [string, string];

function optionsOf(scheme: SecuritySchemeSpec): string[] {
  return scheme.type === 'basic' ? [scheme.usernameOption, scheme.passwordOption] : [scheme.option];
}

function usesFunction(scheme: SecuritySchemeSpec | undefined, options: Options): boolean {
  return scheme !== undefined && optionsOf(scheme).some((o) => typeof options[o] === 'function');
}

function readSync(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function credentialOf(
  scheme: SecuritySchemeSpec | undefined,
  options: Options,
  read: (value: unknown) => string | undefined,
): Credential | undefined {
  if (scheme === undefined) return undefined;
  if (scheme.type !== 'basic') return read(options[scheme.option]);
  // Basic auth needs a username; an absent password is sent empty (some APIs put the key in the username).
  const user = read(options[scheme.usernameOption]);
  return user === undefined ? undefined : [user, read(options[scheme.passwordOption]) ?? ''];
}

async function credentialOfAsync(scheme: SecuritySchemeSpec | undefined, options: Options): Promise<Credential | undefined> {
  if (scheme === undefined) return undefined;
  const resolve = async (o: string): Promise<unknown> => {
    const v = options[o];
    return typeof v === 'function' ? await (v as () => unknown)() : v;
  };
  if (scheme.type !== 'basic') return readSync(await resolve(scheme.option));
  const user = readSync(await resolve(scheme.usernameOption));
  return user === undefined ? undefined : [user, readSync(await resolve(scheme.passwordOption)) ?? ''];
}

function writeCredential(target: AuthTarget, scheme: SecuritySchemeSpec, value: Credential): void {
  switch (scheme.type) {
    case 'bearer':
      target.headers['authorization'] = `Bearer ${value as string}`;
      return;
    case 'basic': {
      const [user, password] = value as readonly [string, string];
      target.headers['authorization'] = `Basic ${base64Utf8(`${user}:${password}`)}`;
      return;
    }
    case 'apiKey': {
      const key = value as string;
      if (scheme.in === 'header') target.headers[scheme.name.toLowerCase()] = key;
      else if (scheme.in === 'query') target.query.push(`${encodeQueryComponent(scheme.name)}=${encodeQueryComponent(key)}`);
      else target.cookies.push(`${scheme.name}=${encodeURIComponent(key)}`);
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
