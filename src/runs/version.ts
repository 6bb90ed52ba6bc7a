import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * What a trajectory depends on: the engine's sources and kernels, and the two files of this folder that compute a
 * run (not the store, the executors, the claims, the statistics or the report).
 */
const ENGINE_PATHS = ['src/engine', 'src/tasks', 'src/models', 'src/optim', 'src/train', 'src/probes', 'src/physics', 'src/runs/run.ts', 'src/runs/sample.ts', 'assembly'];
/** Where a training run's code starts (run.ts calls `train` only, when the config names no sampler), and a sampler run's. */
const TRAINING_ENTRIES = ['src/train/train.ts', 'src/train/config.ts'], SAMPLER_ENTRIES = ['src/runs/sample.ts'], SCHEMA = 'src/train/config.ts';

/** The non-test sources under `path` (absolute), sorted. */
function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((f) => {
    const p = join(path, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

const hashFiles = (fs: readonly string[]): string => {
  const h = createHash('sha256');
  for (const f of fs) { h.update(f.slice(root.length)); h.update(readFileSync(f)); }
  return h.digest('hex').slice(0, 16);
};

/** A hash of the non-test sources under `paths` (relative to the repository root), names and contents. */
export const sourceHash = (paths: readonly string[]): string => hashFiles(paths.flatMap((d) => files(join(root, d))));

/** Every relative module a source file names: static imports and re-exports, side-effect imports, dynamic import(). */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"](\.[^'"]+)['"]/g;

/** The files reachable from `entries` (relative to the root) through relative imports. */
export function importClosure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>(), todo = entries.map((e) => join(root, e));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const p = join(dirname(f), m[1] ?? m[2] ?? m[3]);
      if (!existsSync(p)) throw new Error(`${f.slice(root.length)} imports ${m[1] ?? m[2] ?? m[3]}, which does not exist: the engine version cannot be computed`);
      todo.push(p);
    }
  }
  return seen;
}

const cache = new Map<string, string>();

/**
 * The engine's version: a hash of its source files and kernels, so that any change to how runs are
 * computed invalidates the run store, and nothing else does.
 */
export function engineVersion(): string {
  if (!cache.has('all')) cache.set('all', hashFiles(ENGINE_PATHS.flatMap((d) => files(join(root, d)))));
  return cache.get('all')!;
}

/**
 * The version a run's trajectory depends on. A sampler run (a config with a `sampler`) executes the whole engine: the
 * engine's version. A training run cannot reach the code only samplers import (the import closure of the sampler
 * entry less that of training), and the config schema (src/train/config.ts) acts on it only through the resolved
 * config, which its key holds whole (resolving a resolved config changes nothing: hypotheses/configs.test.ts checks it on every
 * hypothesis's arms); its version hashes every other engine file. So a change to a sampler, or to the schema of
 * sampler settings, stales sampler runs (in the run store and in the full-scale ledger) and no training run; a change
 * to the schema that resolves a training config differently changes that config, hence its key; any other engine
 * change stales both.
 */
export function runVersion(config: { sampler: unknown }): string {
  if (config.sampler != null) return engineVersion();
  if (!cache.has('training')) {
    const training = importClosure(TRAINING_ENTRIES), schema = join(root, SCHEMA);
    const skip = new Set([...importClosure(SAMPLER_ENTRIES)].filter((f) => !training.has(f)).concat(schema));
    cache.set('training', hashFiles(ENGINE_PATHS.flatMap((d) => files(join(root, d))).filter((f) => !skip.has(f))));
  }
  return cache.get('training')!;
}
