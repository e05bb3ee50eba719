/**
 * Prints mock data (plain JSON values from the spec or the synthesizer) as TypeScript expressions
 * for `mocks.ts`: readable object literals for small values, `JSON.parse` of one string literal for
 * large ones (which type-checks and loads much faster than a big literal; GitHub's spec has
 * examples of tens of kilobytes).
 */
import { propertyKey, stringLiteral } from '../emit/escape.js';

/** Above this many characters of JSON, data is emitted as `JSON.parse('...')`. @default 2000 */
export const LITERAL_LIMIT = 2000;

/**
 * A TypeScript expression evaluating to a fresh copy of `value`, indented for nesting at `indent`.
 * Strings go through `stringLiteral` and keys through `propertyKey` (so `__proto__` stays data);
 * `undefined` members are dropped as `JSON.stringify` would.
 */
export function dataExpression(value: unknown, indent = '', limit = LITERAL_LIMIT): string {
  const json = JSON.stringify(value) ?? 'null';
  if (json.length > limit) return `JSON.parse(${stringLiteral(json)}) as unknown`;
  return printValue(JSON.parse(json) as unknown, indent);
}

function printValue(value: unknown, indent: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return stringLiteral(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${printValue(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${printValue(v, inner)},`).join('\n')}\n${indent}}`;
}
