/**
 * The CLI's spec reader: files from disk, http(s) URLs through the global `fetch`. The loader
 * (`load/`) takes it as its injected `read`.
 */
import { readFile } from 'node:fs/promises';
import type { SpecIO } from '../load/index.js';

/** Longest a spec download may take, so a hung server cannot hang the CLI. @default 60 s */
export const FETCH_TIMEOUT_MS = 60_000;

/** Reads `uri`: an http(s) URL via `fetch` (non-2xx is an error), anything else as a file path. */
export const specReader: SpecIO = {
  async read(uri: string): Promise<string> {
    if (/^https?:\/\//i.test(uri)) {
      const response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json, application/yaml, text/yaml, */*' } });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return response.text();
    }
    return readFile(uri, 'utf8');
  },
};
