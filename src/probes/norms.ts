import { globalNorm } from '../optim/clipByGlobalNorm.ts';
import type { Probe } from './probe.ts';

/** ‖∇θ L‖ over all parameters (`gradNorm`) and per tensor (`gradNorm:W1`, …), at the current batch. */
export const gradNorm: Probe = {
  name: 'gradNorm',
  measure({ model }) {
    const out: Record<string, number> = { gradNorm: globalNorm(model.grads) };
    model.params.forEach((p, i) => { out[`gradNorm:${p.name}`] = globalNorm([model.grads[i]]); });
    return out;
  },
};

/** ‖θ‖ over all parameters (`weightNorm`) and per tensor (`weightNorm:W1`, …). */
export const weightNorm: Probe = {
  name: 'weightNorm',
  measure({ model }) {
    const out: Record<string, number> = { weightNorm: globalNorm(model.params.map((p) => p.data)) };
    for (const p of model.params) out[`weightNorm:${p.name}`] = globalNorm([p.data]);
    return out;
  },
};
