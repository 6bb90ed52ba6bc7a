import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { engineVersion } from '../runs/version.ts';
import { kernelVariant } from '../engine/wasm.ts';
import { loadTf } from '../models/tfjs.ts';

/** What produced a verdict: engine and kernels, runtime, machine, and the exact dependency set (lockfile hash). */
export function environment(): Record<string, string> {
  let lock = 'none';
  try { lock = createHash('sha256').update(readFileSync(join(process.cwd(), 'package-lock.json'))).digest('hex').slice(0, 16); } catch { /* no lockfile */ }
  let tfBackend = 'not loaded';
  try { tfBackend = `tfjs-${loadTf().backend}`; } catch { /* tfjs unavailable */ }
  return {
    engine: engineVersion(),
    kernels: `${kernelVariant()} (float32)`,
    'reference backend': tfBackend,
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    'lockfile sha256': lock,
  };
}
