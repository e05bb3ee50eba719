/**
 * Speakeasy's `x-speakeasy-pagination` on an operation:
 * `{ type: cursor | offsetLimit | url, inputs: [{ name, in: parameters | requestBody, type: cursor | offset | page | limit }],
 *    outputs: { results: '$.data', nextCursor: '$.next' | '$.data[-1:].id', numPages: '$.pages', nextUrl: '$.next' } }`.
 * @see https://www.speakeasy.com/docs/customize/runtime/pagination
 */
import type { PageParamSpec, PaginationSpec } from '@sdkgen/runtime';
import { childPointer, isObject } from '../load/pointer.js';
import { buildModel, CODES, type RuleInput, type RuleResult } from './context.js';
import { findItemsPath } from './items.js';
import { parseJsonPath } from './jsonpath.js';
import { paramDeclared } from './extension-ours.js';
import { toPointer } from './schema.js';

export const X_SPEAKEASY = 'x-speakeasy-pagination';

export function detectSpeakeasy(input: RuleInput): RuleResult {
  const raw = input.op[X_SPEAKEASY];
  if (raw === undefined) return undefined;
  const at = childPointer(input.pointer, X_SPEAKEASY);
  const warn = (message: string): undefined => {
    input.report('warning', CODES.unsupported, at, `${X_SPEAKEASY}: ${message}; the operation is paginated by shape, if at all`, 'Fix the extension, or add x-pagination to say how the operation pages.');
    return undefined;
  };
  if (!isObject(raw)) return warn('expected an object');
  const inputs = Array.isArray(raw.inputs) ? raw.inputs.filter(isObject) : [];
  const outputs = isObject(raw.outputs) ? raw.outputs : {};
  const inputOf = (type: string): PageParamSpec | undefined => {
    const i = inputs.find((x) => x.type === type && typeof x.name === 'string');
    if (i === undefined) return undefined;
    return i.in === 'requestBody' ? { name: i.name as string, in: 'body' } : { name: i.name as string };
  };
  const path = (key: string) => (typeof outputs[key] === 'string' ? parseJsonPath(outputs[key]) : undefined);

  let items: string[] | undefined;
  if (outputs.results !== undefined) {
    const results = path('results');
    if (results === undefined || results.lastItem !== undefined) return warn(`outputs.results ${JSON.stringify(outputs.results)} is not a supported JSONPath`);
    items = results.path;
  } else {
    items = findItemsPath(input.doc, input.view.response?.schema);
    if (items === undefined) return warn('outputs.results is missing and the response has no single item array');
  }
  const base = { items: toPointer(items) };
  let spec: PaginationSpec;
  switch (raw.type) {
    case 'cursor': {
      const param = inputOf('cursor');
      const next = path('nextCursor');
      if (param === undefined) return warn('type cursor needs an input of type cursor');
      if (next === undefined) return warn(`outputs.nextCursor ${JSON.stringify(outputs.nextCursor)} is missing or not a supported JSONPath`);
      if (next.lastItem !== undefined) {
        if (next.path.join('/') !== items.join('/')) return warn('outputs.nextCursor takes the last element of an array other than outputs.results');
        spec = { style: 'cursor', param, ...base, itemCursor: toPointer(next.lastItem) };
      } else {
        spec = { style: 'cursor', param, ...base, nextCursor: toPointer(next.path) };
      }
      break;
    }
    case 'offsetLimit': {
      const offset = inputOf('offset');
      const page = inputOf('page');
      if (offset !== undefined) spec = { style: 'offset', param: offset, ...base };
      else if (page !== undefined) {
        const pages = path('numPages');
        spec = { style: 'page', param: page, ...base, ...(pages && pages.lastItem === undefined && { total: toPointer(pages.path) }) };
      } else return warn('type offsetLimit needs an input of type offset or page');
      break;
    }
    case 'url': {
      const next = path('nextUrl');
      if (next === undefined || next.lastItem !== undefined) return warn('type url needs outputs.nextUrl');
      spec = { style: 'link', ...base, nextUrl: toPointer(next.path) };
      break;
    }
    default:
      return warn(`type ${JSON.stringify(raw.type)} is not supported (cursor, offsetLimit, url)`);
  }
  if (spec.param !== undefined && !paramDeclared(input, spec.param)) return warn(`input "${spec.param.name}" is not declared by the operation`);
  return buildModel(input, spec, 'x-speakeasy-pagination', items);
}
