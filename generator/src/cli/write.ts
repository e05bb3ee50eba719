/**
 * Writing an output folder all or nothing. Every file is first written to a staging folder beside
 * the output (same file system); only when all of them are on disk does anything in the output
 * change, by renames: a new folder is renamed into place whole, an existing one has each replaced
 * file moved aside before the new one is moved in, and any failure moves everything back. A full
 * disk, a permission error or a crash while writing leaves the output as it was.
 *
 * Package mode reuses this: it hands its own list of files to {@link commitOutput}.
 */
import { lstat, mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { GeneratedFile } from '../emit/sdk.js';
import { MANIFEST, manifestText } from './manifest.js';

/** The output could not be read or written (exit code 3); `message` is one line, no stack. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    message: string,
    /** Whether the output folder was left as it was (always, unless even the rollback failed). */
    readonly unchanged = true,
  ) {
    super(message);
  }

  /** Wraps a file-system error: `cannot write <dir>: EACCES: permission denied, open '...'`. */
  static from(error: unknown, outDir: string, verb: 'read' | 'write', unchanged = true): OutputError {
    if (error instanceof OutputError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new OutputError(`cannot ${verb} ${outDir}: ${reason.split('\n')[0] ?? reason}`, unchanged);
  }
}

/** What to change in an output folder. */
export interface OutputChange {
  /** Whether the folder exists already. */
  exists: boolean;
  /** Files to create or replace (for a new folder: every file). */
  writes: readonly GeneratedFile[];
  /** Files sdkgen wrote earlier to delete. */
  removals: readonly string[];
  /** Every file of the generated output, recorded in the manifest. */
  manifest: readonly string[];
  /** What the folder's manifest listed before, when it had one. */
  previousManifest?: readonly string[] | undefined;
}

/** Path segments a directory chain may have; bounds the walk up in {@link makeDirs}. */
const MAX_DEPTH = 4096;

async function statOrUndefined(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `mkdir -p` that cannot loop: finds the nearest existing ancestor, then creates each missing level
 * once. (Node's recursive `mkdir` spins forever on some paths, e.g. under `/proc`.) Returns the
 * directories it created, outermost first.
 */
export async function makeDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (let i = 0; i < MAX_DEPTH; i++) {
    const stats = await statOrUndefined(at);
    if (stats !== undefined) {
      if (!stats.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  missing.reverse();
  for (const d of missing) await mkdir(d);
  return missing;
}

async function writeAll(root: string, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const target = join(root, file.path);
    await makeDirs(dirname(target));
    await writeFile(target, file.contents);
  }
}

/** A staging folder beside `outDir` (same file system, so renames are atomic), else inside it. */
async function stagingDir(outDir: string, exists: boolean): Promise<string> {
  const parent = dirname(resolve(outDir));
  try {
    return await mkdtemp(join(parent, `.${basename(resolve(outDir))}.sdkgen-`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!exists || (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS')) throw error;
    return mkdtemp(join(resolve(outDir), '.sdkgen-staging-'));
  }
}

/**
 * Applies `change` to `outDir` all or nothing and records the manifest.
 * @throws OutputError on any I/O failure, after restoring the folder.
 */
export async function commitOutput(outDir: string, change: OutputChange): Promise<void> {
  const manifest: GeneratedFile = { path: MANIFEST, contents: manifestText(change.manifest) };
  const manifestChanged = change.previousManifest === undefined || manifestText(change.previousManifest) !== manifest.contents;
  const writes = manifestChanged || change.writes.length > 0 || change.removals.length > 0 ? [...change.writes, manifest] : [];
  if (writes.length === 0) return;
  let staging: string | undefined;
  let keepStaging = false;
  try {
    if (!change.exists) await makeDirs(dirname(resolve(outDir)));
    staging = await stagingDir(outDir, change.exists);
    if (!change.exists) {
      await writeAll(join(staging, 'new'), writes);
      await rename(join(staging, 'new'), outDir);
    } else {
      await writeAll(join(staging, 'new'), writes);
      await swapIn(outDir, staging, writes, change.removals);
    }
  } catch (error) {
    // When even the rollback failed, the staging folder holds the only copy of the old files.
    keepStaging = error instanceof RollbackFailed;
    throw OutputError.from(error, outDir, 'write', !keepStaging);
  } finally {
    if (staging !== undefined && !keepStaging) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
  for (const path of change.removals) await removeEmptyParents(outDir, path);
}

class RollbackFailed extends Error {}

/** Moves staged files into `outDir` (old ones aside first) and removed files out; undoes it all on failure. */
async function swapIn(outDir: string, staging: string, writes: readonly GeneratedFile[], removals: readonly string[]): Promise<void> {
  const undo: (() => Promise<unknown>)[] = [];
  const moveAside = async (path: string): Promise<void> => {
    const target = join(outDir, path);
    if ((await statOrUndefined(target)) === undefined) return;
    const backup = join(staging, 'old', path);
    await makeDirs(dirname(backup));
    await rename(target, backup);
    undo.push(() => rename(backup, target));
  };
  try {
    for (const file of writes) {
      await moveAside(file.path);
      const target = join(outDir, file.path);
      const created = await makeDirs(dirname(target));
      if (created.length > 0) undo.push(async () => { for (const d of [...created].reverse()) await rmdir(d); });
      await rename(join(staging, 'new', file.path), target);
      undo.push(() => rm(target, { force: true }));
    }
    for (const path of removals) await moveAside(path);
  } catch (error) {
    let restored = true;
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch {
        restored = false;
      }
    }
    if (!restored) throw new RollbackFailed(`${error instanceof Error ? error.message : String(error)} (and restoring the previous files failed; the old ones are in ${staging}/old)`);
    throw error;
  }
}

/** Removes directories a removed file leaves empty, up to (not including) `outDir`. */
async function removeEmptyParents(outDir: string, path: string): Promise<void> {
  const root = resolve(outDir);
  let dir = dirname(resolve(root, path));
  for (let i = 0; i < MAX_DEPTH && dir.startsWith(`${root}${sep}`); i++) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
