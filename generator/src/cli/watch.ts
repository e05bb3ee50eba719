/**
 * `--watch`: regenerate when the spec (or a sibling document it may reference) changes. Events
 * are debounced, because editors save in several steps (write, rename, chmod).
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

/** Quiet time after the last change before regenerating. @default 150 ms */
export const WATCH_DEBOUNCE_MS = 150;

const SPEC_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * Calls `onChange` (never concurrently with itself) after spec files in the spec's directory
 * change, until the returned `close()` is called. Changes inside `ignoreDir` (the output) are ignored.
 */
export function watchSpec(specPath: string, ignoreDir: string, onChange: () => Promise<void>): { close(): void } {
  const dir = dirname(resolve(specPath));
  const ignore = resolve(ignoreDir);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await onChange();
      } while (again);
    } finally {
      running = false;
    }
  };
  const watcher: FSWatcher = watch(dir, (_event, filename) => {
    if (filename === null) return;
    const changed = resolve(dir, filename.toString());
    if (changed.startsWith(`${ignore}/`) || !SPEC_EXTENSIONS.has(extname(changed))) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), WATCH_DEBOUNCE_MS);
  });
  return {
    close() {
      if (timer !== undefined) clearTimeout(timer);
      watcher.close();
    },
  };
}
