/**
 * The CLI's spec reader: files from disk, http(s) URLs through the global `fetch`. The loader
 * (`load/`) takes it as its injected `read`.
 */
import { readFile } from 'node:fs/promises';
import type { SpecIO } from '../load/index.js';

/** Longest a spec download may take, so a hung server cannot hang the CLI. @default 60 s */
export const FETCH_TIMEOUT_MS = 60_000;

/**
 * Why a `fetch` failed, in words: undici's "fetch failed" hides the cause (`ECONNREFUSED`,
 * `ENOTFOUND`, a TLS error) in `error.cause`, sometimes nested or aggregated.
 */
export function fetchFailureReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
  }
  let at: unknown = error;
  for (let depth = 0; depth < 5 && at instanceof Error; depth++) {
    const inner: unknown = at instanceof AggregateError ? at.errors[0] : at.cause;
    if (!(inner instanceof Error)) break;
    at = inner;
  }
  if (!(at instanceof Error)) return String(at);
  const code = (at as NodeJS.ErrnoException).code;
  return code !== undefined && !at.message.includes(code) ? `${code}: ${at.message}` : at.message;
}

/** Reads `uri`: an http(s) URL via `fetch` (non-2xx is an error), anything else as a file path. */
export const specReader: SpecIO = {
  async read(uri: string): Promise<string> {
    if (/^https?:\/\//i.test(uri)) {
      let response: Response;
      try {
        response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json, application/yaml, text/yaml, */*' } });
      } catch (error) {
        throw new Error(`the request failed: ${fetchFailureReason(error)}`);
      }
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return response.text();
    }
    return readFile(uri, 'utf8');
  },
};
