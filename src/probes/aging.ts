import type { Model } from '../models/model.ts';
import type { Probe } from './probe.ts';

/** Waiting times t_w (steps) at which the aging probe takes its reference snapshots. */
export const WAITING_TIMES = [100, 400];

const snapshots = new WeakMap<Model, Map<number, Float32Array>>();
const flat = (m: Model) => { const all = new Float32Array(m.params.reduce((s, p) => s + p.data.length, 0)); let o = 0; for (const p of m.params) { all.set(p.data, o); o += p.data.length; } return all; };

/**
 * `aging` (claim G4): the two-time displacement of the weights, Δ(t, t_w) = ‖θ(t) − θ(t_w)‖² / ‖θ(t_w)‖², for
 * each waiting time t_w in WAITING_TIMES (keys `aging:msd100`, `aging:msd400`, from step t_w on). In a glass
 * the system ages: the later t_w, the slower it moves away, Δ(t_w + τ, t_w) falling with t_w. Evaluations must
 * fall on the waiting times (evalEvery dividing them).
 */
export const aging: Probe = {
  name: 'aging',
  measure({ model, step }): Record<string, number> {
    let snaps = snapshots.get(model);
    if (!snaps) snapshots.set(model, (snaps = new Map()));
    const now = flat(model), out: Record<string, number> = {};
    if (WAITING_TIMES.includes(step)) snaps.set(step, now);
    for (const [tw, ref] of snaps) {
      let d = 0, n = 0;
      for (let i = 0; i < now.length; i++) { d += (now[i] - ref[i]) ** 2; n += ref[i] * ref[i]; }
      out[`aging:msd${tw}`] = d / n;
    }
    return out;
  },
};
