import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runKey } from '../runs/store.ts';
import { saveWeights } from '../train/interop.ts';
import { replay } from '../train/replay.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { Claim } from '../claims/claim.ts';

/** One saved checkpoint: the weights of one run after `step` updates, one .npy file per parameter. */
export interface Checkpoint { arm: string; seed: number; step: number; labels: string[]; dir: string; files: string[] }

/** 0 and the 1-2-5 series up to `last` (0, 1, 2, 5, 10, 20, 50, 100, …), then `last` itself. */
export function logSpacedSteps(last: number): number[] {
  const out = [0];
  for (let decade = 1; decade <= last; decade *= 10) for (const m of [1, 2, 5]) if (m * decade <= last) out.push(m * decade);
  return [...new Set([...out, last])];
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9.=+-]+/g, '_');

/**
 * Saves the weights of the claim's chosen runs (`checkpoints.arms`, default all; `checkpoints.seeds`, default
 * [0]) at log-spaced steps, at t_mem, at t_grok and at the end, as .npy files (the interop format, readable by
 * NumPy and by `grokcheck train --init`) under `root/<claim>/<arm>/seed-<s>/step-<n>/`, with an index.json.
 * Weights are recovered by replaying each run (deterministic), so nothing is kept during the suite; a run's
 * folder remembers the run's key (config, seed, engine version) and its steps, so a later suite with the same
 * run reuses the files instead of replaying it.
 */
export function saveCheckpoints(claim: Claim, runs: Record<string, Trajectory[]>, root = join('reports', 'checkpoints')): Checkpoint[] {
  const spec = claim.checkpoints ?? {};
  const saved: Checkpoint[] = [];
  for (const arm of spec.arms ?? Object.keys(claim.configs)) {
    for (const seed of spec.seeds ?? [0]) {
      const t = runs[arm]?.[seed - claim.firstSeed];
      if (!t) continue;
      const labels = new Map<number, string[]>();
      const mark = (step: number | null, label: string) => { if (step !== null) labels.set(step, [...(labels.get(step) ?? []), label]); };
      for (const s of logSpacedSteps(t.steps)) mark(s, 'log-spaced');
      mark(t.tMem, 't_mem'); mark(t.tGrok, 't_grok'); mark(t.steps, 'end');
      const runDir = join(root, claim.id, slug(arm), `seed-${seed}`), stamp = join(runDir, 'run.json');
      const key = JSON.stringify({ run: runKey(claim.configs[arm], seed), steps: [...labels.keys()].sort((a, b) => a - b) });
      const cached = existsSync(stamp) && readFileSync(stamp, 'utf8') === key ? readCached(stamp) : null;
      if (cached) {
        saved.push(...cached.map((c) => ({ ...c, arm, seed, labels: labels.get(c.step)! })));
        continue;
      }
      const mine: Checkpoint[] = [];
      replay(claim.configs[arm], seed, [...labels.keys()], (step, model) => {
        const dir = join(runDir, `step-${step}`);
        saveWeights(dir, model);
        mine.push({ arm, seed, step, labels: labels.get(step)!, dir, files: model.params.map((p) => join(dir, `${p.name}.npy`)) });
      });
      writeFileSync(join(runDir, 'checkpoints.json'), JSON.stringify(mine));
      writeFileSync(stamp, key); // last: a replay cut short leaves no stamp, and is redone
      saved.push(...mine);
    }
  }
  if (saved.length) writeFileSync(join(root, claim.id, 'index.json'), JSON.stringify(saved, null, 1));
  return saved.sort((a, b) => a.arm.localeCompare(b.arm) || a.seed - b.seed || a.step - b.step);
}

/** A run's checkpoints saved by an earlier suite, or null when any file is missing. */
function readCached(stamp: string): Checkpoint[] | null {
  try {
    const list = JSON.parse(readFileSync(join(stamp, '..', 'checkpoints.json'), 'utf8')) as Checkpoint[];
    return list.every((c) => c.files.every(existsSync)) ? list : null;
  } catch { return null; }
}
