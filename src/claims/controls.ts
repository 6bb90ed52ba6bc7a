import type { Trajectory } from '../train/trajectory.ts';
import type { Prediction } from './predictions/prediction.ts';

/*
 * Reproduce before you refute. A claim's verdict in a regime counts only if the harness can see the effect
 * there: its positive controls (a published number reproduced, or a planted effect detected) come out
 * supported, and its preconditions (the runs grokked; the transition was reached in the swept range) hold.
 * Otherwise the regime's verdict is inconclusive, never refuted, and the page says which control failed.
 */

/** What the control is checked against: a paper's number (quoted beside ours on the page), or a planted effect. */
export interface Expected {
  /** The number or finding, as the source states it, e.g. 't_grok / t_mem ≈ 10²–10³ (Fig. 1)'. */
  value: string;
  /** Where it comes from, e.g. 'Power et al. (2022), arXiv 2201.02177'; or 'planted' for a planted effect. */
  cite: string;
}

/** A positive control: a prediction over the claim's arms that must come out supported for the test to count. */
export interface Control {
  readonly name: string;
  readonly expected?: Expected;
  readonly prediction: Prediction;
}

export function control(o: { name: string; expected?: Expected; prediction: Prediction }): Control {
  return { name: o.name, expected: o.expected, prediction: o.prediction };
}

/** A condition the runs must meet for the test to be fair: `check` gives null when it holds, else why not. */
export interface Precondition {
  readonly name: string;
  check(runs: Readonly<Record<string, readonly Trajectory[]>>): string | null;
}

export const preconditions = {
  /**
   * At least `atLeast` of each named arm's runs reached t_grok within the budget (default: every arm, 3/4 of
   * the runs): a claim about grokking is untested where the network does not grok.
   */
  grokked(o: { arms?: readonly string[]; atLeast?: number } = {}): Precondition {
    const atLeast = o.atLeast ?? 0.75;
    return {
      name: `${Math.round(atLeast * 100)}% of the runs grok${o.arms ? ` in ${o.arms.map((a) => `'${a}'`).join(', ')}` : ''}`,
      check(runs) {
        const short = (o.arms ?? Object.keys(runs)).map((a) => {
          const ts = runs[a] ?? [];
          const k = ts.filter((t) => t.tGrok !== null).length;
          return k < atLeast * ts.length ? `'${a}' grokked in ${k}/${ts.length}` : null;
        }).filter((x) => x !== null);
        return short.length ? `${short.join('; ')} (needs ${Math.round(atLeast * 100)}%)` : null;
      },
    };
  },
  /** Any other condition on the runs: `check` returns null when it holds, else a sentence saying why not. */
  custom(name: string, check: Precondition['check']): Precondition {
    return { name, check };
  },
};
