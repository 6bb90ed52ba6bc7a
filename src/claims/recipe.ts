import { deepMerge } from '../engine/merge.ts';
import type { RunConfigInput } from '../train/config.ts';

/**
 * A shared training recipe with the citations of the values it sets: claims that use it show them in their
 * provenance table without pairing the two by hand. `with` derives a variant that keeps the citations
 * (a plain object spread would drop them): `QUADRATIC_ADD_47.with({ steps: 4000 })`.
 */
export interface Recipe {
  readonly config: RunConfigInput;
  /** Citations by config path or prefix, e.g. { 'optimizer.lr': 'Nanda et al. (2023) …' }. */
  readonly cite: Readonly<Record<string, string>>;
  /** The recipe with `over` merged in (nested objects merged, arrays and values replaced), citations kept. */
  with(over: RunConfigInput, cite?: Record<string, string>): Recipe;
}

export function recipe(config: RunConfigInput, cite: Record<string, string> = {}): Recipe {
  return {
    config, cite,
    with: (over, more = {}) => recipe(deepMerge(config, over), { ...cite, ...more }),
  };
}

export const isRecipe = (x: unknown): x is Recipe =>
  typeof x === 'object' && x !== null && 'config' in x && 'cite' in x && typeof (x as Recipe).with === 'function';

/** A config or a recipe, as a config plus the citations it carries. */
export function unpack(x: RunConfigInput | Recipe): { config: RunConfigInput; cite: Record<string, string> } {
  return isRecipe(x) ? { config: x.config, cite: { ...x.cite } } : { config: x, cite: {} };
}
