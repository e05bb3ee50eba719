/**
 * `--config <file>`: a JSON file with the CLI's option names (`spec`, `out`, `name`, `runtimeImport`, `package`, `checkSources`, `strict`, `force`).
 * Paths in it are relative to the file. Flags given on the command line win.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UsageError } from '../options.js';

/** What a config file may set. */
export interface ConfigFile {
  spec?: string;
  out?: string;
  name?: string;
  runtimeImport?: string;
  package?: string;
  checkSources?: boolean;
  strict?: boolean;
  force?: boolean;
}

const KEYS = ['spec', 'out', 'name', 'runtimeImport', 'package'] as const;
const BOOLEAN_KEYS = ['checkSources', 'strict', 'force'] as const;

/** Reads and checks a config file. @throws UsageError when it is missing, not JSON or has unknown or non-string options. */
export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config file ${path} must hold a JSON object`);
  const config: ConfigFile = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') throw new UsageError(`config file ${path}: "${key}" must be true or false`);
      config[key as (typeof BOOLEAN_KEYS)[number]] = value;
      continue;
    }
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`config file ${path}: unknown option "${key}" (known: ${[...KEYS, ...BOOLEAN_KEYS].join(', ')})`);
    }
    if (typeof value !== 'string') throw new UsageError(`config file ${path}: "${key}" must be a string`);
    config[key as (typeof KEYS)[number]] = value;
  }
  // Paths are relative to the config file, so it works from any working directory.
  const base = dirname(path);
  if (config.spec !== undefined && !/^https?:\/\//i.test(config.spec) && !isAbsolute(config.spec)) config.spec = resolve(base, config.spec);
  if (config.out !== undefined && !isAbsolute(config.out)) config.out = resolve(base, config.out);
  return config;
}
