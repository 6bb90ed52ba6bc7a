import { rng, shuffle } from '../engine/rng.ts';
import { checkSample } from './_internals/ranks.ts';

/** J = Σ_{i<j} #{(x ∈ gᵢ, y ∈ gⱼ): x < y} + ½#{x = y}: large when values increase with the group order. */
export function jtStatistic(groups: readonly (readonly number[])[]): number {
  let J = 0;
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const x of groups[i]) for (const y of groups[j]) J += x < y ? 1 : x === y ? 0.5 : 0;
    }
  }
  return J;
}

/**
 * Jonckheere–Terpstra trend test (Jonckheere 1954) across ordered groups (e.g. doses): `increasing` or
 * `decreasing`. The p-value is by permutation of the pooled values over the groups (seeded Monte Carlo,
 * p = (1 + #{J* ≥ J})/(1 + B)), valid with ties and with censored values entered as ±Infinity.
 */
export function jonckheere(groups: readonly (readonly number[])[], direction: 'increasing' | 'decreasing',
                           { permutations = 20000, seed = 1 }: { permutations?: number; seed?: number } = {}): { J: number; p: number; tau: number } {
  if (groups.length < 2) throw new Error('jonckheere: needs at least two ordered groups');
  groups.forEach((g, i) => checkSample(`jonckheere group ${i}`, g));
  const sign = direction === 'increasing' ? 1 : -1;
  const signed = groups.map((g) => g.map((v) => sign * v));
  const J = jtStatistic(signed);
  const pairs = groups.reduce((acc, g, i) => acc + g.length * groups.slice(i + 1).reduce((a, h) => a + h.length, 0), 0);
  const pooled = signed.flat(), sizes = groups.map((g) => g.length), r = rng(seed, 'jonckheere');
  let hits = 0;
  for (let b = 0; b < permutations; b++) {
    shuffle(pooled, r);
    let o = 0;
    const perm = sizes.map((s) => pooled.slice(o, (o += s)));
    if (jtStatistic(perm) >= J - 1e-9) hits++;
  }
  // tau: Kendall-type effect size in [−1, 1], (2J − pairs)/pairs, in the claimed direction
  return { J, p: (1 + hits) / (1 + permutations), tau: (2 * J - pairs) / pairs };
}
