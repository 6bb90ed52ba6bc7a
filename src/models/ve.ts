/**
 * Vector-equilibrium (VE) connectivity. The vector equilibrium is the cuboctahedron: every site of the
 * face-centred cubic (FCC) lattice has 12 nearest neighbours at its vertices. A layer of n neurons sits on
 * the n FCC sites nearest the origin; each neuron of the next layer is wired to the 12 sites of the
 * cuboctahedron around its anchor in the layer below.
 */

export type Site = readonly [number, number, number];

/** The 12 nearest-neighbour offsets of the FCC lattice (all permutations of (±1, ±1, 0)), at distance √2. */
export const VE_OFFSETS: readonly Site[] = (() => {
  const out: Site[] = [];
  for (const a of [-1, 1]) for (const b of [-1, 1]) out.push([a, b, 0], [a, 0, b], [0, a, b]);
  return out;
})();

const d2 = (a: Site, b: readonly number[]): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
const byDistanceThenXyz = (a: Site, b: Site): number => d2(a, [0, 0, 0]) - d2(b, [0, 0, 0]) || a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The n FCC sites (integer points with an even coordinate sum) nearest the origin, in order of distance,
 * ties by x, then y, then z: the origin, its 12 neighbours at √2, 6 at 2, 24 at √6, …
 */
export function fccSites(n: number): Site[] {
  const r = Math.ceil(Math.cbrt((3 * n) / (2 * Math.PI))) + 2; // the FCC lattice has 1/2 site per unit volume
  const all: Site[] = [];
  for (let x = -r; x <= r; x++) for (let y = -r; y <= r; y++) for (let z = -r; z <= r; z++) {
    if ((x + y + z) % 2 === 0 && x * x + y * y + z * z <= r * r) all.push([x, y, z]);
  }
  return all.sort(byDistanceThenXyz).slice(0, n);
}

export interface VeWiring {
  /** For each output neuron, the indices of its input neurons (12 each when the input layer has ≥ 13). */
  inputs: number[][];
  /** For each output neuron, how many of its inputs are true cuboctahedral neighbours of its anchor (12 = interior). */
  veNeighbours: number[];
}

/**
 * Wires a layer of nOut neurons to a layer of nIn. Layers of different sizes are aligned by scale: output
 * site x is placed at x·(nIn/nOut)^(1/3) in the input layer's coordinates (both layers then fill the same
 * ball), and its anchor is the input site nearest that point (ties: the lower index). The output neuron
 * connects to the input sites at anchor + each of the 12 VE offsets. At the boundary, where some of those
 * sites lie outside the input layer, the missing connections are filled with the input sites nearest the
 * anchor (the anchor itself last), so every neuron keeps degree 12 and a VE layer has exactly 12·nOut
 * weights: the same count as a random sparse layer of degree 12, the control that isolates the geometry.
 */
export function veWiring(nIn: number, nOut: number): VeWiring {
  const inSites = fccSites(nIn), outSites = fccSites(nOut);
  const index = new Map(inSites.map((s, i) => [s.join(','), i]));
  const scale = Math.cbrt(nIn / nOut);
  const degree = Math.min(12, nIn);
  const inputs: number[][] = [], veNeighbours: number[] = [];
  for (const site of outSites) {
    const at = site.map((c) => c * scale);
    let anchor = 0;
    for (let i = 1; i < nIn; i++) if (d2(inSites[i], at) < d2(inSites[anchor], at)) anchor = i;
    const a = inSites[anchor];
    const chosen = VE_OFFSETS.map((o) => index.get(`${a[0] + o[0]},${a[1] + o[1]},${a[2] + o[2]}`)).filter((i): i is number => i !== undefined);
    veNeighbours.push(chosen.length);
    if (chosen.length < degree) {
      const taken = new Set(chosen);
      const rest = inSites.map((_, i) => i).filter((i) => !taken.has(i) && i !== anchor)
        .sort((i, j) => d2(inSites[i], a) - d2(inSites[j], a) || i - j);
      chosen.push(...rest.concat(anchor).slice(0, degree - chosen.length));
    }
    inputs.push(chosen.sort((i, j) => i - j));
  }
  return { inputs, veNeighbours };
}
