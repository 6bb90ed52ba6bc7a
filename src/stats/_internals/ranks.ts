/** Mid-ranks (1-based; ties share their average rank) and the tie group sizes. ±Infinity rank like any value. */
export function midranks(xs: readonly number[]): { ranks: number[]; ties: number[] } {
  const idx = xs.map((_, i) => i).sort((a, b) => (xs[a] < xs[b] ? -1 : xs[a] > xs[b] ? 1 : 0));
  const ranks = new Array<number>(xs.length), ties: number[] = [];
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export function checkSample(name: string, xs: readonly number[], min = 1): void {
  if (!Array.isArray(xs) || xs.length < min) throw new Error(`${name}: needs at least ${min} value(s), got ${Array.isArray(xs) ? xs.length : typeof xs}`);
  if (xs.some((x) => Number.isNaN(x))) throw new Error(`${name}: NaN in the sample; censored values enter as ±Infinity, diverged runs must be handled by the caller`);
}
