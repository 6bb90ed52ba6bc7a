import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * What a trajectory depends on: the engine's sources and kernels, and the two files of this folder that compute a
 * run (not the store, the executors, the claims, the statistics or the report).
 */
const ENGINE_PATHS = ['src/engine', 'src/tasks', 'src/models', 'src/optim', 'src/train', 'src/probes', 'src/physics', 'src/runs/run.ts', 'src/runs/sample.ts', 'assembly'];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const dir = path;
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

/** A hash of the non-test sources under `paths` (relative to the repository root), names and contents. */
export function sourceHash(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const d of paths) for (const f of files(join(root, d))) { h.update(f.slice(root.length)); h.update(readFileSync(f)); }
  return h.digest('hex').slice(0, 16);
}

let cached: string | null = null;

/**
 * The engine's version: a hash of its source files and kernels, so that any change to how runs are
 * computed invalidates the run store, and nothing else does.
 */
export function engineVersion(): string {
  cached ??= sourceHash(ENGINE_PATHS);
  return cached;
}
