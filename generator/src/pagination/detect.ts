/**
 * `detectPagination`: decides whether an operation pages and how. Rules, first match wins:
 * 1. `x-pagination` (ours; `false` turns pagination off);
 * 2. Stainless `x-stainless-pagination-property` marks;
 * 3. `x-speakeasy-pagination`;
 * 4. `x-fern-pagination`;
 * 5. the shape of a GET operation: a cursor parameter with a next-cursor field (or `has_more` with the
 *    last item's id), a next-URL field, a `Link` response header, `offset` + `limit`, `page` + `per_page`.
 * A malformed `x-pagination` is an error; a foreign extension we cannot read is a warning, and the
 * later rules still run, so moving a spec written for another generator needs no edits.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { RuleInput, RuleResult } from './context.js';
import { detectFern } from './extension-fern.js';
import { detectOurs } from './extension-ours.js';
import { detectSpeakeasy } from './extension-speakeasy.js';
import { detectStainless } from './extension-stainless.js';
import type { PaginationModel } from './model.js';
import { operationView } from './operation-view.js';
import { detectByShape } from './shape.js';

export interface DetectContext {
  /** HTTP method of the operation (any case). */
  method: string;
  /** Pointer of the operation in the bundled document, e.g. `#/paths/~1pets/get`. */
  pointer: string;
  /** The path item, for path-level parameters. */
  pathItem?: Record<string, unknown>;
  /** Where diagnostics go; without it they are dropped. */
  diagnostics?: Diagnostics;
  /** Maps a bundled-document pointer to the file and pointer it came from (`LoadedSpec.origin`). */
  origin?: (pointer: string) => { file: string; pointer: string };
}

const RULES: readonly ((input: RuleInput) => RuleResult)[] = [detectOurs, detectStainless, detectSpeakeasy, detectFern, detectByShape];

/** How `operation` pages, or `undefined` when it does not. */
export function detectPagination(operation: Record<string, unknown>, document: Record<string, unknown>, ctx: DetectContext): PaginationModel | undefined {
  const input: RuleInput = {
    doc: document,
    op: operation,
    view: operationView(document, operation, ctx.method, ctx.pointer, ctx.pathItem),
    pointer: ctx.pointer,
    report(severity, code, pointer, message, fix) {
      const where = ctx.origin?.(pointer) ?? { file: 'openapi', pointer };
      ctx.diagnostics?.add({ code, severity, file: where.file, pointer: where.pointer, message, fix });
    },
  };
  for (const rule of RULES) {
    const result = rule(input);
    if (result === null) return undefined;
    if (result !== undefined) return result;
  }
  return undefined;
}
