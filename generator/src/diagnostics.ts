/**
 * Generator diagnostics: every problem found in a spec carries a stable code, a severity, the file
 * and JSON pointer where it is, and how to fix it. Problems are collected and reported together,
 * never one per run.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable code, e.g. `SDKGEN_REF_NOT_FOUND`. Tests and users may match on it. */
  code: string;
  severity: Severity;
  /** File path or URL of the document the problem is in. */
  file: string;
  /** JSON pointer within that document, e.g. `#/paths/~1pets/get/responses`. */
  pointer: string;
  message: string;
  /** What to change in the spec. */
  fix: string;
}

/** Thrown by the pipeline when at least one error-severity diagnostic was collected. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`The spec has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  }
}

/** One diagnostic as a human-readable block: `file#/pointer: error CODE: message\n  fix: ...`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}${d.pointer}: ${d.severity} ${d.code}: ${d.message}\n  fix: ${d.fix}`;
}

/**
 * Collects diagnostics during a run. A diagnostic identical to one already collected (same code,
 * severity, place and message) is dropped: one schema reached twice (a response shared by two
 * media types, a Swagger 2.0 body converted once per media type) is one problem, not two.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  readonly #seen = new Set<string>();

  add(d: Diagnostic): void {
    const key = JSON.stringify([d.code, d.severity, d.file, d.pointer, d.message]);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.items.push(d);
  }

  error(code: string, file: string, pointer: string, message: string, fix: string): void {
    this.add({ code, severity: 'error', file, pointer, message, fix });
  }

  warn(code: string, file: string, pointer: string, message: string, fix: string): void {
    this.add({ code, severity: 'warning', file, pointer, message, fix });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Throws a {@link SpecError} with every diagnostic collected so far if any is an error. */
  throwIfErrors(): void {
    if (this.hasErrors) throw new SpecError(this.items);
  }
}

/** Encodes one JSON pointer token (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a `#/a/b` pointer from raw tokens. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.length === 0 ? '#' : `#/${tokens.map(escapePointerToken).join('/')}`;
}
