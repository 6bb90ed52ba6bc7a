/**
 * The binary operations on Z_p studied by Power et al. (2022), "Grokking: generalization beyond
 * overfitting on small algorithmic datasets", arXiv 2201.02177, Table/Fig. 1 (the polynomial ones).
 */
export interface ModOp {
  readonly symbol: string;
  /** a ∘ b mod p, for 0 ≤ a, b < p. */
  readonly apply: (a: number, b: number, p: number) => number;
  /** Whether the pair (a, b) is in the op's domain (division excludes b = 0). */
  readonly defined: (a: number, b: number) => boolean;
  readonly needsPrime: boolean;
}

const mod = (x: number, p: number): number => ((x % p) + p) % p;
const mulmod = (a: number, b: number, p: number): number => Number((BigInt(a) * BigInt(b)) % BigInt(p));

/** b^(p−2) mod p: the inverse of b in Z_p for prime p (Fermat). */
export function inverse(b: number, p: number): number {
  let r = 1, x = b % p, e = p - 2;
  while (e > 0) {
    if (e & 1) r = mulmod(r, x, p);
    x = mulmod(x, x, p);
    e >>= 1;
  }
  return r;
}

const always = (): boolean => true;

export const OPS: Readonly<Record<string, ModOp>> = {
  add: { symbol: 'a+b', apply: (a, b, p) => (a + b) % p, defined: always, needsPrime: false },
  sub: { symbol: 'a−b', apply: (a, b, p) => mod(a - b, p), defined: always, needsPrime: false },
  mul: { symbol: 'a·b', apply: (a, b, p) => mulmod(a, b, p), defined: always, needsPrime: false },
  div: { symbol: 'a/b', apply: (a, b, p) => mulmod(a, inverse(b, p), p), defined: (_a, b) => b !== 0, needsPrime: true },
  x2y2: { symbol: 'a²+b²', apply: (a, b, p) => (mulmod(a, a, p) + mulmod(b, b, p)) % p, defined: always, needsPrime: false },
  x2xyy2: { symbol: 'a²+ab+b²', apply: (a, b, p) => (mulmod(a, a, p) + mulmod(a, b, p) + mulmod(b, b, p)) % p, defined: always, needsPrime: false },
  x3xy: { symbol: 'a³+ab', apply: (a, b, p) => (mulmod(mulmod(a, a, p), a, p) + mulmod(a, b, p)) % p, defined: always, needsPrime: false },
};

export function isPrime(n: number): boolean {
  if (n < 2 || !Number.isInteger(n)) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
