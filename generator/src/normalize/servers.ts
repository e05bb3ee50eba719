/** Servers: URLs with variables replaced by their defaults. @see https://spec.openapis.org/oas/v3.1.0#server-object */
import { isObject } from '../load/pointer.js';
import type { ServerModel } from '../model.js';

/** One URL per server, in spec order; relative URLs stay relative (the client resolves them). */
export function normalizeServers(raw: unknown): ServerModel[] {
  if (!Array.isArray(raw)) return [];
  const out: ServerModel[] = [];
  for (const server of raw) {
    if (!isObject(server) || typeof server.url !== 'string') continue;
    const variables = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const v = variables[name];
      if (!isObject(v)) return whole;
      if (typeof v.default === 'string' || typeof v.default === 'number') return String(v.default);
      const first: unknown = Array.isArray(v.enum) ? v.enum[0] : undefined;
      return typeof first === 'string' ? first : whole;
    });
    out.push(typeof server.description === 'string' ? { url, description: server.description } : { url });
  }
  return out;
}
