/**
 * RFC 9457 problem details: safe parsing of error bodies into a `ProblemDetails` object, and
 * `isProblem` to narrow an error by problem type.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */

/**
 * A problem details object. The five standard members are typed; extension members (anything else
 * the server sent) sit beside them, as on the wire. Generated SDKs narrow this with the problem
 * schema of each operation's error responses (`ApiError<TProblem>`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export interface ProblemDetails {
  /** URI reference identifying the problem type. @default 'about:blank' */
  readonly type: string;
  /** Short, human-readable summary of the problem type. */
  readonly title?: string;
  /** The HTTP status code the origin server generated for this occurrence. */
  readonly status?: number;
  /** Human-readable explanation specific to this occurrence. */
  readonly detail?: string;
  /** URI reference identifying this specific occurrence. */
  readonly instance?: string;
  /** Extension members. */
  readonly [extension: string]: unknown;
}

/** Names and JSON types of the standard members. */
const STANDARD_MEMBERS = {
  type: 'string',
  title: 'string',
  status: 'number',
  detail: 'string',
  instance: 'string',
} as const;

type StandardMember = keyof typeof STANDARD_MEMBERS;

function isStandardMember(name: string): name is StandardMember {
  return Object.hasOwn(STANDARD_MEMBERS, name);
}

/** `application/problem+json`, case-insensitively, with or without parameters. */
export function isProblemMediaType(contentType: string | null | undefined): boolean {
  return mediaType(contentType) === 'application/problem+json';
}

/** `application/json` or any `+json` structured-syntax suffix. */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  const type = mediaType(contentType);
  return type === 'application/json' || type.endsWith('+json');
}

function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Count of standard members that are present with the right JSON type. */
function wellTypedStandardMembers(body: Record<string, unknown>): number {
  let count = 0;
  for (const [name, type] of Object.entries(STANDARD_MEMBERS)) {
    if (typeof body[name] === type) count++;
  }
  return count;
}

/**
 * Whether a JSON value "has the RFC 9457 shape": an object with a string `type` or `title` and at
 * least one other well-typed standard member. Used for bodies not labelled `application/problem+json`
 * (many servers send problems as `application/json`); demanding two members keeps ordinary
 * resources with a `title` field from being mistaken for problems.
 */
export function hasProblemShape(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const named = typeof value['type'] === 'string' || typeof value['title'] === 'string';
  return named && wellTypedStandardMembers(value) >= 2;
}

/**
 * Builds a {@link ProblemDetails} from a parsed JSON object. Standard members of the wrong type are
 * ignored, as RFC 9457 requires ("processing will continue as if the member had not been present");
 * the raw body stays available on the error. `__proto__` and the like are copied as own data
 * properties, never through setters.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3.1
 */
export function toProblemDetails(body: Record<string, unknown>): ProblemDetails {
  const problem: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (isStandardMember(name) && typeof value !== STANDARD_MEMBERS[name]) continue;
    Object.defineProperty(problem, name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (typeof problem['type'] !== 'string') {
    Object.defineProperty(problem, 'type', { value: 'about:blank', enumerable: true, writable: true, configurable: true });
  }
  return problem as ProblemDetails;
}

/**
 * Reads a problem from an error response body. Never throws.
 *
 * - `application/problem+json`: any JSON object is a problem (ill-typed members dropped);
 * - `application/json` or another `+json` type: only when the body {@link hasProblemShape};
 * - anything else, unparseable or truncated JSON, non-objects: `undefined`.
 *
 * @param text the (size-bounded) body text
 */
export function parseProblem(contentType: string | null | undefined, text: string): ProblemDetails | undefined {
  const labelled = isProblemMediaType(contentType);
  if (!labelled && !isJsonMediaType(contentType)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  return labelled || hasProblemShape(body) ? toProblemDetails(body) : undefined;
}

/** Returns the extension members of a problem (every member but the five standard ones). */
export function problemExtensions(problem: ProblemDetails): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(problem)) {
    if (!isStandardMember(name)) {
      Object.defineProperty(extensions, name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return extensions;
}

/** Anything that may carry a parsed problem (every `ApiError` does). */
export interface HasProblem {
  readonly problem?: ProblemDetails | undefined;
}

/**
 * Narrows an error to one carrying a problem, optionally of a given type URI (compared exactly, as
 * RFC 9457 asks consumers to treat the type as an opaque identifier).
 *
 * @example
 * if (isProblem(err, 'https://example.com/probs/out-of-credit')) console.log(err.problem.balance);
 */
export function isProblem<E>(
  error: E,
  typeUri?: string,
): error is E & { readonly problem: ProblemDetails } {
  if (typeof error !== 'object' || error === null) return false;
  const problem = (error as HasProblem).problem;
  if (!isRecord(problem) || typeof problem['type'] !== 'string') return false;
  return typeUri === undefined || problem['type'] === typeUri;
}
