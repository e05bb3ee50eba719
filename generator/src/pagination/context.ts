/** What every detection rule receives. */
import type { PaginationSpec } from '@sdkgen/runtime';
import type { PaginationModel, PaginationSource } from './model.js';
import type { OperationView } from './operation-view.js';
import { isArraySchema, schemaAtPath, toPointer, type Doc } from './schema.js';

export interface RuleInput {
  doc: Doc;
  /** The raw operation object. */
  op: Record<string, unknown>;
  view: OperationView;
  /** Pointer of the operation in the bundled document. */
  pointer: string;
  /** Records a diagnostic at `pointer` (a pointer in the bundled document). */
  report(severity: 'error' | 'warning', code: string, pointer: string, message: string, fix: string): void;
}

/**
 * A rule's answer: a model, `undefined` (does not apply, try the next rule), or `null` (the operation
 * is declared not paginated; stop).
 */
export type RuleResult = PaginationModel | undefined | null;

/** Diagnostic codes. */
export const CODES = {
  /** Our own `x-pagination` is malformed: an error, since the author asked for pagination. */
  invalid: 'SDKGEN_PAGINATION_INVALID',
  /** Another tool's extension we cannot read: a warning; shape detection still runs. */
  unsupported: 'SDKGEN_PAGINATION_EXTENSION_UNSUPPORTED',
} as const;

/** Finishes a model: the item type path when the schema declares the array, and the summary line. */
export function buildModel(input: RuleInput, spec: PaginationSpec, source: PaginationSource, items: string[]): PaginationModel {
  const schema = input.view.response?.schema;
  const model: PaginationModel = {
    spec,
    source,
    responseStatus: input.view.response?.status ?? '200',
    description: describe(spec, source),
  };
  const at = schema === undefined ? undefined : items.length === 0 ? schema : schemaAtPath(input.doc, schema, items);
  if (at !== undefined && isArraySchema(input.doc, at)) model.itemsPath = items;
  return model;
}

/** `cursor ?cursor <- /next_cursor, items /data (shape)` */
export function describe(spec: PaginationSpec, source: PaginationSource): string {
  const param = spec.param ? `${spec.param.in === 'body' ? 'body.' : '?'}${spec.param.name}` : '';
  const parts: string[] = [];
  switch (spec.style) {
    case 'cursor':
      parts.push(`${param} <- ${spec.nextCursor ?? `last item ${spec.itemCursor ?? '/id'}`}`);
      break;
    case 'offset':
      parts.push(`${param} += items${spec.total ? `, total ${spec.total}` : ''}`);
      break;
    case 'page':
      parts.push(`${param} += 1${spec.total ? `, pages ${spec.total}` : ''}`);
      break;
    case 'link':
      parts.push(spec.nextUrl ? `next URL ${spec.nextUrl}` : 'Link rel="next"');
      break;
  }
  if (spec.hasMore) parts.push(`while ${spec.hasMore}`);
  parts.push(`items ${spec.items === '' ? '(body)' : spec.items}`);
  return `${spec.style} ${parts.join(', ')} (${source})`;
}

export { toPointer };
