/**
 * Grouping operations into resources (client namespaces): the operation's first tag, else its first
 * literal path segment, else `default`. Names never collide with each other nor with BaseClient members.
 */
import { camelCase, kebabCase, pascalCase, uniqueName } from '../naming.js';
import { memberName } from './method-names.js';

/** BaseClient members (and the class machinery) a resource property must not shadow. */
export const RESERVED_RESOURCE_NAMES: ReadonlySet<string> = new Set([
  'request', 'close', 'options', 'config', 'transport', 'constructor',
  // The rest of BaseClient's members (emit/client.ts BASE_CLIENT_MEMBERS; a test keeps the two in step).
  'context', 'clock', 'cacheLayer', 'requestPage', 'requestOperation', 'prepare', 'execute', 'attempt',
]);

/** The raw text a resource is named after. */
export function resourceKey(tags: unknown, path: string): string {
  if (Array.isArray(tags)) {
    const first: unknown = tags[0];
    if (typeof first === 'string' && camelCase(first) !== '') return first;
  }
  const segment = path.split('/').find((s) => s !== '' && !/^\{.*\}$/.test(s) && camelCase(s) !== '');
  return segment ?? 'default';
}

/** The client property for a resource key; reserved names get an `Api` suffix (`options` -> `optionsApi`). */
export function resourcePropertyName(key: string): string {
  const name = memberName(key, 'api');
  return RESERVED_RESOURCE_NAMES.has(name) ? `${name}Api` : name;
}

/** Class and file names for resources, made unique (file names case-insensitively). */
export function resourceNames(propertyNames: readonly string[]): { className: string; fileName: string }[] {
  const classes = new Set<string>();
  const files = new Set<string>();
  return propertyNames.map((p) => ({
    className: uniqueName(`${pascalCase(p)}Resource`, classes),
    fileName: uniqueName(asciiFileName(kebabCase(p)), files, (n) => n.toLowerCase()),
  }));
}

/**
 * File names stay ASCII (`grünstrom` -> `grunstrom`): portable across file systems and what the
 * emitter accepts; letters without an ASCII base are dropped.
 */
export function asciiFileName(name: string): string {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-._]+|-+$/g, '').replace(/-{2,}/g, '-');
  return folded === '' ? 'resource' : folded;
}
