/** Servers: URLs with variables replaced by their defaults. @see https://spec.openapis.org/oas/v3.1.0#server-object */
import { isObject } from '../load/pointer.js';
import type { ServerModel } from '../model.js';

/** Whether `url` names its scheme (`https://...`); `/v1` and `//host/v1` do not. */
function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/**
 * One URL per server, in spec order. A relative URL (`/v1`) is relative to where the document was
 * served (OpenAPI 3.1 section 4.8.5): it is resolved against `base`, the spec's URL when it was
 * fetched; without one it names no place, so it is left out and `onRelative` is told.
 */
export function normalizeServers(raw: unknown, base?: string, onRelative?: (index: number, url: string) => void): ServerModel[] {
  if (!Array.isArray(raw)) return [];
  const out: ServerModel[] = [];
  for (const [index, server] of raw.entries()) {
    if (!isObject(server) || typeof server.url !== 'string') continue;
    const variables = isObject(server.variables) ? server.variables : {};
    let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const v = variables[name];
      if (!isObject(v)) return whole;
      if (typeof v.default === 'string' || typeof v.default === 'number') return String(v.default);
      const first: unknown = Array.isArray(v.enum) ? v.enum[0] : undefined;
      return typeof first === 'string' ? first : whole;
    });
    if (!isAbsoluteUrl(url)) {
      if (base === undefined) {
        onRelative?.(index, url);
        continue;
      }
      url = new URL(url, base).href.replace(/\/$/, '');
    }
    out.push(typeof server.description === 'string' ? { url, description: server.description } : { url });
  }
  return out;
}
