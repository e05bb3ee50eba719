/**
 * The local-problem rule: a problem confined to one operation (a dangling `$ref` in its parameters,
 * no responses, an unreadable external file it alone uses) does not stop the run. The operation is
 * left out of the SDK, its problems are reported as warnings, and everything else is generated.
 * A problem anywhere else (components, servers, the document itself) is global and stays an error,
 * and so does a run in which every operation would be left out: an empty SDK helps nobody.
 */
import type { Diagnostic, Diagnostics } from './diagnostics.js';
import { formatPointer, getAt, isObject, parsePointer } from './load/pointer.js';
import { OPERATION_METHODS } from './openapi-keywords.js';

/** The fixed methods and OpenAPI 3.2's `query`, the operations a path item holds by key. */
const METHODS: ReadonlySet<string> = new Set([...OPERATION_METHODS, 'query']);

/**
 * The operation (`#/paths/~1pets/get`) or path item (`#/paths/~1pets`) a bundled-document pointer
 * lies in; `undefined` when it lies outside `paths`.
 */
export function problemOwner(pointer: string): string | undefined {
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch {
    return undefined;
  }
  if (tokens[0] !== 'paths' || tokens.length < 2) return undefined;
  const method = tokens[2];
  return method !== undefined && METHODS.has(method) ? formatPointer(tokens.slice(0, 3)) : formatPointer(tokens.slice(0, 2));
}

/** Collects problems by owning operation, then either skips those operations or reports errors. */
export class LocalProblems {
  private readonly byOwner = new Map<string, Diagnostic[]>();
  /** Held problems with the position in `diags.items` they would have had, to report them in order. */
  private readonly order: { d: Diagnostic; index: number }[] = [];

  /**
   * @param origin maps a bundled-document pointer to the file and pointer the user wrote (a
   * converted Swagger 2.0 document, a path item from another file): `LoadedSpec.origin`.
   */
  constructor(
    private readonly diags: Diagnostics,
    private readonly origin: (pointer: string) => { file: string; pointer: string },
  ) {}

  /** Holds `d` back when `pointer` (in the bundled document) is inside an operation; returns whether it did. */
  hold(pointer: string, d: Diagnostic): boolean {
    const owner = problemOwner(pointer);
    if (owner === undefined) return false;
    const list = this.byOwner.get(owner) ?? [];
    list.push(d);
    this.byOwner.set(owner, list);
    this.order.push({ d, index: this.diags.items.length });
    return true;
  }

  /** Reports every held problem where it would have been reported, as `severity`. */
  private report(severity: Diagnostic['severity']): void {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const { d, index } = this.order[i]!;
      this.diags.items.splice(index, 0, { ...d, severity });
    }
  }

  /** Reports the held problems as errors (when the run fails anyway, all problems are named together). */
  reportAsErrors(): void {
    this.report('error');
  }

  /**
   * Removes every operation with problems from `doc` (in place) and reports its problems as warnings,
   * unless that would leave no operation at all: then they are reported as the errors they are.
   */
  apply(doc: Record<string, unknown>): void {
    const diags = this.diags;
    if (this.byOwner.size === 0) return;
    const paths = isObject(doc['paths']) ? doc['paths'] : {};
    const owners = [...this.byOwner.keys()];
    const skipped = new Set<string>();
    for (const owner of owners) for (const op of operationsOf(doc, owner)) skipped.add(op);
    const total = Object.keys(paths).reduce((n, path) => n + operationsOf(doc, formatPointer(['paths', path])).length, 0);
    if (total <= skipped.size) {
      this.reportAsErrors();
      return;
    }
    this.report('warning');
    for (const [owner, problems] of this.byOwner) {
      const tokens = parsePointer(owner);
      const what = tokens.length === 3 ? `${tokens[2]!.toUpperCase()} ${tokens[1]}` : `every operation of ${tokens[1]}`;
      const at = this.origin(owner);
      diags.warn('SDKGEN_OPERATION_SKIPPED', at.file, at.pointer, `${what} is left out of the SDK because of the problem${problems.length === 1 ? '' : 's'} reported with it; everything else is generated.`, 'Fix the problems reported at this operation and generate again.');
      remove(doc, tokens);
    }
  }
}

/** Operation pointers inside `owner` (an operation or a path item). */
function operationsOf(doc: Record<string, unknown>, owner: string): string[] {
  const tokens = parsePointer(owner);
  if (tokens.length === 3) return isObject(getAt(doc, tokens)) ? [owner] : [];
  const item = resolve(doc, getAt(doc, tokens));
  if (!isObject(item)) return [];
  return Object.keys(item).filter((k) => METHODS.has(k) && isObject(item[k])).map((m) => formatPointer([...tokens, m]));
}

function resolve(doc: Record<string, unknown>, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current['$ref'] === 'string' && current['$ref'].startsWith('#'); hops++) {
    current = getAt(doc, parsePointer(current['$ref']));
  }
  return current;
}

function remove(doc: Record<string, unknown>, tokens: string[]): void {
  const paths = doc['paths'];
  if (!isObject(paths)) return;
  const path = tokens[1]!;
  if (tokens.length === 2) {
    delete paths[path];
    return;
  }
  const item = resolve(doc, paths[path]);
  if (!isObject(item)) return;
  delete item[tokens[2]!];
  // A path item left without operations would still show up in the types as an empty entry.
  if (!Object.keys(item).some((k) => METHODS.has(k))) delete paths[path];
}
