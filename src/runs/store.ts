import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settings } from '../engine/settings.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { kernelVariant } from '../engine/wasm.ts';
import { runVersion } from './version.ts';
import { parse, stringify } from './json.ts';

/** JSON with object keys sorted, so equal configs hash equally whatever their key order. */
export function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/** The run's identity: a hash of the full resolved config, the seed, the version of the engine code the run executes (./version.ts) and the kernel build. */
export function runKey(config: RunConfig, seed: number, engine = runVersion(config)): string {
  return createHash('sha256').update(canonicalJson({ engine, kernels: kernelVariant(), config, seed })).digest('hex').slice(0, 32);
}

interface Entry { key: string; engine: string; seed: number; config: RunConfig; trajectory: Trajectory }

/**
 * Finished runs on disk, one JSON file per key under `dir` (settings().store: .grokcheck/runs by default).
 * Writes are atomic (a temporary file renamed into place), so an interrupted suite leaves only whole
 * entries; an entry that does not parse or whose key does not match is treated as missing and retrained.
 */
export class RunStore {
  constructor(readonly dir = settings().store) {
    mkdirSync(dir, { recursive: true });
  }

  private path(key: string): string { return join(this.dir, `${key}.json`); }

  /** The stored run, of this checkout's engine or of the `engine` version given (a run measured before an engine change). */
  get(config: RunConfig, seed: number, engine = runVersion(config)): Trajectory | null {
    const key = runKey(config, seed, engine);
    let text: string;
    try { text = readFileSync(this.path(key), 'utf8'); } catch { return null; }
    try {
      const e = parse<Entry>(text);
      if (e.key === key && e.seed === seed && Array.isArray(e.trajectory?.evals)) return e.trajectory;
    } catch { /* corrupt: fall through */ }
    rmSync(this.path(key), { force: true });
    return null;
  }

  /** Files a finished run under this checkout's engine (or under the `engine` version given). */
  put(config: RunConfig, seed: number, trajectory: Trajectory, engine = runVersion(config)): void {
    const key = runKey(config, seed, engine), final = this.path(key), tmp = `${final}.${process.pid}.${Date.now()}.tmp`;
    const entry: Entry = { key, engine, seed, config, trajectory };
    writeFileSync(tmp, stringify(entry));
    renameSync(tmp, final);
  }
}
