/**
 * Document addresses: a spec is a file path (kept as given, POSIX-joined) or an http(s) URL.
 * `$ref`s resolve relative to the document that contains them.
 */
import { posix } from 'node:path';

/** True for `http://` and `https://` addresses. */
export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Canonical form of a root location, so the same document always gets the same key. */
export function normalizeLocation(location: string): string {
  if (isUrl(location)) return stripFragment(new URL(location).href);
  if (location.startsWith('file://')) return decodeURIComponent(new URL(location).pathname);
  return posix.normalize(location.replace(/\\/g, '/'));
}

function stripFragment(href: string): string {
  const i = href.indexOf('#');
  return i === -1 ? href : href.slice(0, i);
}

/** Resolves the document part of a `$ref` (`../common.yaml`) against the referring document's address. */
export function resolveUri(base: string, ref: string): string {
  if (isUrl(ref) || ref.startsWith('file://')) return normalizeLocation(ref);
  if (isUrl(base)) return stripFragment(new URL(ref, base).href);
  let path = ref;
  try {
    path = decodeURIComponent(ref);
  } catch {
    // Not percent-encoded: use as written.
  }
  if (posix.isAbsolute(path)) return posix.normalize(path);
  return posix.normalize(posix.join(posix.dirname(base), path));
}

/**
 * Why a document at `base` may not reference `target`, or `undefined` when it may. A document read
 * over the network may only reference http(s) documents: a spec served by someone else must never
 * make the generator read a local file (`file:///home/me/.kube/config`, `/etc/passwd`) into the SDK.
 * Local documents may reference local files and URLs alike.
 */
export function refusedRef(base: string, target: string): string | undefined {
  if (!isUrl(base) || isUrl(target)) return undefined;
  return `${base} was read over the network, and a document read over the network may only reference http(s) URLs, never a local file (${target})`;
}

/** Splits `file.yaml#/a/b` into `['file.yaml', '#/a/b']`; the fragment is `#` when absent. */
export function splitRef(ref: string): [string, string] {
  const i = ref.indexOf('#');
  if (i === -1) return [ref, '#'];
  const fragment = ref.slice(i);
  return [ref.slice(0, i), fragment === '#' ? '#' : fragment];
}

/** Last path segment without extension: `./schemas/pet-owner.yaml` -> `pet-owner`. */
export function baseName(uri: string): string {
  const path = isUrl(uri) ? new URL(uri).pathname : uri;
  const last = posix.basename(path);
  const dot = last.indexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}
