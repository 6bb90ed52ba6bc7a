import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * Weights are recovered by replaying each run (deterministic), so nothing is kept during the suite.
 */
export function saveCheckpoints(claim: Claim, runs: Record<string, Trajectory[]>, root = join('reports', 'checkpoints')): Checkpoint[] {
  const spec = claim.checkpoints ?? {};
  const saved: Checkpoint[] = [];
  for (const arm of spec.arms ?? Object.keys(claim.configs)) {
    for (const seed of spec.seeds ?? [0]) {
      const t = runs[arm]?.[seed];
      if (!t) continue;
      const labels = new Map<number, string[]>();
      const mark = (step: number | null, label: string) => { if (step !== null) labels.set(step, [...(labels.get(step) ?? []), label]); };
      for (const s of logSpacedSteps(t.steps)) mark(s, 'log-spaced');
      mark(t.tMem, 't_mem'); mark(t.tGrok, 't_grok'); mark(t.steps, 'end');
      replay(claim.configs[arm], seed, [...labels.keys()], (step, model) => {
        const dir = join(root, claim.id, slug(arm), `seed-${seed}`, `step-${step}`);
        saveWeights(dir, model);
        saved.push({ arm, seed, step, labels: labels.get(step)!, dir, files: model.params.map((p) => join(dir, `${p.name}.npy`)) });
      });
    }
  }
  if (saved.length) writeFileSync(join(root, claim.id, 'index.json'), JSON.stringify(saved, null, 1));
  return saved.sort((a, b) => a.arm.localeCompare(b.arm) || a.seed - b.seed || a.step - b.step);
}
