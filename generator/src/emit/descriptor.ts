/**
 * The operation descriptor literal: the plain data a generated method hands the runtime
 * (`runtime/src/operation.ts`). Only fields that differ from the runtime's defaults are written,
 * so descriptors stay short and a default can change in one place.
 */
import type { OperationModel, ParamModel } from '../model.js';
import { propertyKey, stringLiteral } from './escape.js';
import { longRunningSpec } from './long-running.js';
import { paginationOf } from './operation-types.js';

/** A JSON-like value printed as a TypeScript literal: strings escaped, keys quoted when needed. */
export type LiteralValue =
  | string
  | number
  | boolean
  | null
  | Reference
  | readonly LiteralValue[]
  | { readonly [key: string]: LiteralValue | undefined };

/** An identifier the file imports, printed as is: a runtime part a descriptor or config hands in. */
export class Reference {
  constructor(readonly name: string) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`Not an identifier: ${JSON.stringify(name)}`);
  }
}

/**
 * The runtime parts an operation's descriptor names (docs/ARCHITECTURE.md, "What generated code
 * injects"): the encoder of a body other than JSON or text, the stream reader. The resource file
 * imports exactly these, so a bundle keeps them only for the operations it calls.
 */
export function descriptorParts(op: OperationModel): { encode?: string; reader?: string } {
  const encoding = op.requestBody?.encoding;
  return {
    encode: encoding === 'form' ? 'formBody' : encoding === 'multipart' ? 'multipartBody' : encoding === 'binary' ? 'binaryBody' : undefined,
    reader: op.stream === undefined ? undefined : 'streamReader',
  };
}

/** Every runtime name {@link descriptorParts} may print (a generated file must not declare them). */
export const DESCRIPTOR_PARTS: readonly string[] = ['formBody', 'multipartBody', 'binaryBody', 'streamReader'];

/** Prints `value` on one line (`{ name: 'limit', explode: false }`), skipping `undefined` members. */
export function literal(value: LiteralValue): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value instanceof Reference) return value.name;
  if (Array.isArray(value)) return `[${(value as readonly LiteralValue[]).map(literal).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: LiteralValue | undefined }).filter(
    (e): e is [string, LiteralValue] => e[1] !== undefined,
  );
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`).join(', ')} }`;
}

/**
 * Prints an object on several lines, one member per line, with trailing commas; members named in
 * `expand` whose values are objects are printed the same way, one level deeper.
 */
export function multilineLiteral(
  value: { readonly [key: string]: LiteralValue | undefined },
  expand: readonly string[] = [],
  depth = 0,
): string {
  const pad = '  '.repeat(depth + 1);
  const lines = Object.entries(value)
    .filter((e): e is [string, LiteralValue] => e[1] !== undefined)
    .map(([k, v]) => {
      const nested = expand.includes(k) && typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Reference);
      const text = nested ? multilineLiteral(v as { readonly [key: string]: LiteralValue }, [], depth + 1) : literal(v);
      return `${pad}${propertyKey(k)}: ${text},`;
    });
  if (lines.length === 0) return '{}';
  return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
}

const DEFAULT_STYLE = { query: 'form', header: 'simple', cookie: 'form', path: 'simple', querystring: 'form' } as const;

function paramSpec(p: ParamModel, group: string | undefined): { [key: string]: LiteralValue | undefined } {
  const style = p.style ?? DEFAULT_STYLE[p.in];
  const defaultExplode = style === 'form';
  return {
    name: p.name,
    group,
    style: p.style !== undefined && p.style !== DEFAULT_STYLE[p.in] ? p.style : undefined,
    explode: p.explode !== undefined && p.explode !== defaultExplode ? p.explode : undefined,
    allowReserved: p.allowReserved === true ? true : undefined,
    content: p.contentType,
  };
}

function pathParamSpec(p: ParamModel): { [key: string]: LiteralValue | undefined } {
  return {
    name: p.name,
    style: p.style !== undefined && p.style !== 'simple' ? p.style : undefined,
    explode: p.explode === true ? true : undefined,
  };
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** The descriptor of `op` as data (what the literal will say). */
export function descriptorValue(op: OperationModel): { [key: string]: LiteralValue | undefined } {
  const nested = op.paramsLayout === 'nested';
  const body = op.requestBody;
  const pagination = paginationOf(op)?.spec as LiteralValue | undefined;
  const parts = descriptorParts(op);
  return {
    id: op.operationId,
    method: op.method,
    path: op.path,
    pathParams: nonEmpty(op.pathParams.map(pathParamSpec)),
    query: nonEmpty(op.queryParams.map((p) => paramSpec(p, nested ? 'query' : undefined))),
    headers: nonEmpty(op.headerParams.map((p) => paramSpec(p, undefined))),
    cookies: nonEmpty(op.cookieParams.map((p) => paramSpec(p, undefined))),
    querystring:
      op.querystringParam === undefined
        ? undefined
        : { name: op.querystringParam.name, group: nested ? 'query' : undefined, mediaType: op.querystringParam.contentType ?? 'application/x-www-form-urlencoded' },
    body:
      body === undefined
        ? undefined
        : {
            mediaType: body.mediaType,
            encoding: body.encoding,
            group: nested ? 'body' : undefined,
            required: body.required ? true : undefined,
            fields: body.fields as LiteralValue | undefined,
            encode: parts.encode === undefined ? undefined : new Reference(parts.encode),
          },
    response: op.responseKind === 'auto' ? undefined : op.responseKind,
    accept: op.accept,
    security: nonEmpty(op.security),
    pagination: pagination ?? undefined,
    stream:
      op.stream === undefined
        ? undefined
        : {
            mediaType: op.stream.mediaType,
            items: op.stream.items === 'events' ? 'events' : undefined,
            textData: op.stream.textData,
            select: op.stream.select,
            reader: parts.reader === undefined ? undefined : new Reference(parts.reader),
          },
    deprecated: op.deprecated ? true : undefined,
    longRunning: longRunningSpec(op),
  };
}

/**
 * `{ ... }`, one member per line, for a `const x: OperationDescriptor = ...` declaration. A type
 * annotation rather than `as const satisfies`: nothing reads the literal types, and the annotation
 * makes the checker build about a third fewer types for GitHub's 1,223 descriptors.
 */
export function descriptorLiteral(op: OperationModel): string {
  return multilineLiteral(descriptorValue(op));
}
