/** Shared value formatting for every parameter location. */

/**
 * Formats one scalar for the wire: `Date` as ISO 8601, `null` as the empty string, objects as JSON,
 * everything else with `String`.
 */
export function formatScalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** True for plain objects (not arrays, dates or binary values), which styles spread into key/value pairs. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The defined entries of an object, in insertion order. */
export function definedEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined);
}
