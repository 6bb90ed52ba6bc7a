/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with named streams, so that the split, the
 * initialization, the minibatch order and any noise of a run each draw from their own sequence:
 * changing the batch size never changes the init. Not cryptographic; fast and reproducible everywhere.
 */
export interface Rng {
  /** Uniform in [0, 1) with 32 random bits. */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call, the second cached). */
  normal(): number;
}

function splitmix32(x: number): () => number {
  return () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The generator for `seed` and a named stream ('split', 'init', 'batch', ...). */
export function rng(seed: number, stream = ''): Rng {
  const sm = splitmix32((seed >>> 0) ^ hashString(stream));
  let a = sm(), b = sm(), c = sm(), d = sm();
  let spare: number | null = null;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0;
      while (u === 0) u = next();
      const r = Math.sqrt(-2 * Math.log(u)), th = 2 * Math.PI * next();
      spare = r * Math.sin(th);
      return r * Math.cos(th);
    },
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(xs: T[] | Int32Array, r: Rng): typeof xs {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const t = xs[i]; xs[i] = xs[j]; xs[j] = t;
  }
  return xs;
}
