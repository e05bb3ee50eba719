/**
 * OpenAPI 3.2 documents are read as they are; where openapi-typescript 7 (which knows 3.0 and 3.1)
 * cannot type a 3.2 construct, the types emitter bridges it (emit/types-bridge.ts) and the loader
 * says so here, once per construct, so the odd-looking entry in `types.ts` is explained:
 * - `query` and `additionalOperations` operations are typed under `paths["QUERY /search"]`;
 * - `in: querystring` parameters are typed as query parameters of the same name.
 * Everything else new in 3.2 needs no bridge: `$self`, nested tags (`parent`, read by the
 * normalizer), the OAuth2 device flow and `oauth2MetadataUrl` (passed through), `itemSchema`
 * (kept for the streams emitter).
 * @see https://spec.openapis.org/oas/v3.2.0
 */
import type { Diagnostic } from '../diagnostics.js';
import { additionalOperations } from '../openapi-keywords.js';
import { childPointer, isObject } from './pointer.js';

/** Warnings for the 3.2 constructs the types are bridged for; pointers into the bundled document. */
export function oas32Notes(doc: Record<string, unknown>, file: string): Diagnostic[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const methods: string[] = [];
  let firstMethod: string | undefined;
  let firstQuerystring: string | undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method] of additionalOperations(item)) {
      if (!methods.includes(method)) methods.push(method);
      firstMethod ??= childPointer('#/paths', path, method === 'QUERY' && isObject(item.query) ? 'query' : 'additionalOperations');
    }
    for (const holder of [item, ...Object.values(item)]) {
      if (!isObject(holder) || !Array.isArray(holder.parameters)) continue;
      if (holder.parameters.some((p) => isObject(p) && p.in === 'querystring')) firstQuerystring ??= childPointer('#/paths', path);
    }
  }
  const notes: Diagnostic[] = [];
  if (firstMethod !== undefined) {
    notes.push({
      code: 'SDKGEN_OAS32_TYPES_BRIDGED', severity: 'warning', file, pointer: firstMethod,
      message: `openapi-typescript 7 does not type ${methods.join(', ')} operations; sdkgen types each under \`paths["${methods[0]} /path"]\` in types.ts and calls it with that method.`,
      fix: 'Nothing to fix: the SDK methods are typed and send the method as written.',
    });
  }
  if (firstQuerystring !== undefined) {
    notes.push({
      code: 'SDKGEN_OAS32_TYPES_BRIDGED', severity: 'warning', file, pointer: firstQuerystring,
      message: 'openapi-typescript 7 does not type `in: querystring` parameters; sdkgen types each as a query parameter of the same name and sends it as the whole query string.',
      fix: 'Nothing to fix: the SDK methods are typed and serialize the parameter per its `content`.',
    });
  }
  return notes;
}
