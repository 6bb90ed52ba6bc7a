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
/** What a training run executes: run.ts (which calls `train` only when the config names no sampler), train.ts and config.ts. */
const TRAINING_ENTRIES = ['src/train/train.ts', 'src/train/config.ts'], RUN = 'src/runs/run.ts', SCHEMA = 'src/train/config.ts';
/** The probe registry: a training run reaches through it only the probes its config names. */
const PROBE_INDEX = 'src/probes/index.ts';

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

/**
 * Every relative file a source names: static imports and re-exports, side-effect imports, dynamic import(), and
 * files it opens by URL (`new URL('./team-worker.mjs', import.meta.url)`: a worker's script).
 */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"](\.[^'"]+)['"]|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** The files reachable from `entries` (relative to the root) through relative imports. */
export function importClosure(entries: readonly string[], follow: (from: string, to: string) => boolean = () => true): Set<string> {
  const seen = new Set<string>(), todo = entries.map((e) => join(root, e));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4], p = join(dirname(f), spec);
      if (!existsSync(p)) throw new Error(`${f.slice(root.length)} imports ${spec}, which does not exist: the engine version cannot be computed`);
      if (follow(f, p)) todo.push(p);
    }
  }
  return seen;
}

/**
 * The probe registry's modules by probe name: src/probes/index.ts imports each built-in probe by its name
 * (`import { gradNorm, weightNorm } from './norms.ts'`). A run executes only the probes its config names.
 */
export function probeModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const m of readFileSync(join(root, PROBE_INDEX), 'utf8').matchAll(/^import\s*\{([^}]*)\}\s*from\s*'(\.\/[^']+)'/gm)) {
    for (const name of m[1].split(',').map((n) => n.trim()).filter(Boolean)) modules.set(name, join(root, 'src/probes', m[2]));
  }
  return modules;
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
 * The engine versions runs were computed with, by domain (versionDomain): what a full-scale ledger entry keeps of
 * the engine it was measured with, so that a later engine can be audited against its runs (src/report/restamp.ts).
 */
export type EngineVersions = Readonly<Record<string, string>>;

interface Versioned { sampler: unknown; probes?: readonly string[] }

/** Which code a run executes, as a name: 'sampler' (the whole engine), or 'training' with the probes it runs. */
export const versionDomain = (config: Versioned): string =>
  config.sampler != null ? 'sampler' : `training[${[...new Set(config.probes ?? [])].sort().join(',')}]`;

function trainingVersion(probes: readonly string[]): string {
  const domain = versionDomain({ sampler: null, probes });
  if (!cache.has(domain)) {
    const index = join(root, PROBE_INDEX), modules = probeModules(), probeFiles = new Set(modules.values());
    const named = probes.map((p) => modules.get(p)).filter((m) => m !== undefined);
    const reached = new Set([
      ...importClosure(TRAINING_ENTRIES, (from, to) => from !== index || !probeFiles.has(to)),
      ...importClosure(named.map((m) => m.slice(root.length))),
      join(root, RUN), ...files(join(root, 'assembly')),
    ]);
    reached.delete(join(root, SCHEMA));
    cache.set(domain, hashFiles([...reached].sort()));
  }
  return cache.get(domain)!;
}

/** This checkout's versions of the domains of `configs` (what a ledger entry records for the runs it read). */
export const engineVersions = (configs: readonly Versioned[]): EngineVersions =>
  Object.fromEntries(configs.map((c) => [versionDomain(c), runVersion(c)]).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The version a run's trajectory depends on. A sampler run (a config with a `sampler`) is given the whole engine's
 * version. A training run executes src/runs/run.ts, which calls `train` only, and what train.ts and config.ts reach
 * (their import closure), with the kernels built from assembly/, and of the probes only those its config names (the
 * registry's imports of the others are not followed); of these the config schema (src/train/config.ts) acts on the
 * run only through the resolved config, which its key holds whole (resolving a resolved config changes nothing:
 * hypotheses/configs.test.ts checks it on every hypothesis's arms). Its version hashes the rest. So a change to a
 * sampler, to a probe the run does not run, to the schema of sampler settings, or to code no run executes (a planted
 * control's landscape) stales no training run, in the run store or in the full-scale ledger; a change to the schema
 * that resolves a training config differently changes that config, hence its key. `versions`: another engine's
 * (a ledger entry's, by domain), else this checkout's.
 */
export function runVersion(config: Versioned, versions?: EngineVersions): string {
  if (versions) return versions[versionDomain(config)] ?? `unrecorded ${versionDomain(config)}`;
  return config.sampler != null ? engineVersion() : trainingVersion(config.probes ?? []);
}
