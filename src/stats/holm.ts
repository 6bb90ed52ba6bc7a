/** Holm's (1979) step-down adjusted p-values, in the input order: controls the family-wise error rate. */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length, order = ps.map((_, i) => i).sort((a, b) => ps[a] - ps[b]);
  const adj = new Array<number>(m);
  let running = 0;
  order.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (m - k) * ps[i]));
    adj[i] = running;
  });
  return adj;
}
