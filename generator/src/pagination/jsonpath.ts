/**
 * The small JSONPath subset pagination extensions use for response locations (Speakeasy `$.data`,
 * `$.meta['next']`, `$.data[-1:].id`) and Fern's runtime expressions (`$response.data.items`).
 */

/** A location: property names, and for "the last item's field" the part after `[-1]`. */
export interface JsonPathLocation {
  path: string[];
  /** Set when the path selects the last element of an array: the field path within that element. */
  lastItem?: string[];
}

const LAST = /^\[(?:-1:?|\(@\.length\s*-\s*1\))\]/;
const DOT = /^\.([^.[\]]+)/;
const BRACKET = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;

/** Parses `$.a.b`, `$['a']`, `$.a[-1:].id`; `undefined` for anything else (filters, wildcards, ...). */
export function parseJsonPath(text: string, root = '$'): JsonPathLocation | undefined {
  if (!text.startsWith(root)) return undefined;
  let rest = text.slice(root.length);
  const path: string[] = [];
  let lastItem: string[] | undefined;
  while (rest !== '') {
    const target = lastItem ?? path;
    let m: RegExpExecArray | null;
    if ((m = DOT.exec(rest))) {
      target.push(m[1] as string);
    } else if ((m = BRACKET.exec(rest))) {
      target.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    } else if (lastItem === undefined && (m = LAST.exec(rest))) {
      lastItem = [];
    } else {
      return undefined;
    }
    rest = rest.slice(m[0].length);
  }
  return lastItem === undefined ? { path } : { path, lastItem };
}
