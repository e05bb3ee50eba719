/**
 * Parameters: path-item and operation level merged (operation wins by name and location), refs
 * resolved, path params in template order with undeclared ones synthesized, and argument names that
 * are valid, distinct identifiers.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { childPointer, isObject } from '../load/pointer.js';
import type { ParamModel } from '../model.js';
import { safeIdentifier, uniqueName } from '../naming.js';
import { deref } from './refs.js';

const LOCATIONS = new Set(['path', 'query', 'header', 'cookie', 'querystring']);
const STYLES = new Set<string>(['simple', 'label', 'matrix', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);
/** The spec says header parameters with these names SHALL be ignored (the client sets them). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
/** Names of the generated method's other arguments, which a path argument must not shadow. */
const OTHER_ARGS = ['params', 'options', 'body'];

/** The parameters of one operation, grouped by location. */
export interface OperationParams {
  pathParams: ParamModel[];
  queryParams: ParamModel[];
  headerParams: ParamModel[];
  cookieParams: ParamModel[];
  querystringParam?: ParamModel;
}

/** The names inside `{}` of a path template, in order, without repeats. */
export function templateParamNames(path: string): string[] {
  const names: string[] = [];
  for (const m of path.matchAll(/\{([^}]+)\}/g)) if (m[1] !== undefined && !names.includes(m[1])) names.push(m[1]);
  return names;
}

/** Merges, resolves and orders the parameters of the operation at `opPointer`. */
export function normalizeParams(
  doc: Record<string, unknown>,
  path: string,
  item: Record<string, unknown>,
  itemPointer: string,
  op: Record<string, unknown>,
  opPointer: string,
): OperationParams {
  const byKey = new Map<string, ParamModel>();
  const read = (list: unknown, listPointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const p = deref(doc, raw);
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string' || !LOCATIONS.has(p.in)) return;
      if (p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())) return;
      const model: ParamModel = {
        name: p.name,
        argName: '',
        in: p.in as ParamModel['in'],
        required: p.in === 'path' ? true : p.required === true,
        deprecated: p.deprecated === true,
        pointer: childPointer(listPointer, i),
      };
      if (typeof p.description === 'string') model.description = p.description;
      if (typeof p.style === 'string' && STYLES.has(p.style)) model.style = p.style as NonNullable<ParamModel['style']>;
      if (typeof p.explode === 'boolean') model.explode = p.explode;
      if (typeof p.allowReserved === 'boolean') model.allowReserved = p.allowReserved;
      // A `content` parameter is sent as the text of its media type, whatever `style` says.
      const contentType = isObject(p.content) ? Object.keys(p.content)[0] : undefined;
      if (contentType !== undefined) model.contentType = contentType;
      else if (p.in === 'querystring') model.contentType = 'application/x-www-form-urlencoded';
      const key = `${p.in}:${p.name}`;
      // Delete first so an operation-level override takes the operation's position in the order.
      byKey.delete(key);
      byKey.set(key, model);
    });
  };
  read(item.parameters, childPointer(itemPointer, 'parameters'));
  read(op.parameters, childPointer(opPointer, 'parameters'));
  const all = [...byKey.values()];
  const pathParams = templateParamNames(path).map(
    (name): ParamModel => all.find((p) => p.in === 'path' && p.name === name) ?? { name, argName: '', in: 'path', required: true, deprecated: false, pointer: opPointer, synthesized: true },
  );
  const result: OperationParams = {
    pathParams,
    queryParams: all.filter((p) => p.in === 'query'),
    headerParams: all.filter((p) => p.in === 'header'),
    cookieParams: all.filter((p) => p.in === 'cookie'),
  };
  const querystring = all.find((p) => p.in === 'querystring');
  if (querystring !== undefined) result.querystringParam = querystring;
  const taken = new Set(OTHER_ARGS);
  for (const p of [...result.pathParams, ...result.queryParams, ...result.headerParams, ...result.cookieParams, ...(querystring ? [querystring] : [])]) {
    p.argName = uniqueName(safeIdentifier(p.name, undefined, 'param'), taken);
  }
  return result;
}
