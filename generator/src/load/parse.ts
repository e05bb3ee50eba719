/** Parses one spec document, JSON or YAML, chosen by content (JSON is tried first when it looks like JSON). */
import { parseDocument } from 'yaml';

/** A parse failure with a 1-based position. */
export class ParseFailure extends Error {
  override readonly name = 'ParseFailure';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Whether `text` is an HTML page (a documentation page or a login form where a spec was expected). */
export function looksLikeHtml(text: string): boolean {
  return /^\uFEFF?\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<!--)/i.test(text.slice(0, 1024)) && /<\/?(html|head|body)[\s>]/i.test(text.slice(0, 65_536));
}

/** Parses `text` as JSON when it starts with `{` or `[`, else as YAML 1.2. Throws {@link ParseFailure}. */
export function parseText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*[{[]/.test(body)) {
    try {
      return JSON.parse(body);
    } catch (error) {
      // Flow-style YAML also starts with `{`; only report the JSON error when YAML fails too.
      const yaml = tryYaml(body);
      if (yaml.ok) return yaml.value;
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      const lc = position ? lineColumn(body, Number(position[1])) : { line: 1, column: 1 };
      throw new ParseFailure(`invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`, lc.line, lc.column);
    }
  }
  const yaml = tryYaml(body);
  if (yaml.ok) return yaml.value;
  throw yaml.error;
}

function tryYaml(text: string): { ok: true; value: unknown } | { ok: false; error: ParseFailure } {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const lc = lineColumn(text, first.pos[0]);
    const reason = first.message.split('\n')[0] ?? first.message;
    return { ok: false, error: new ParseFailure(`invalid YAML: ${reason}`, lc.line, lc.column) };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) };
}
