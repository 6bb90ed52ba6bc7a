import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { buildTask } from '../tasks/index.ts';
import { resolveConfig } from '../train/config.ts';
import { initMlp } from './init.ts';
import { type Site, fccSites, veWiring } from './ve.ts';

const dist2 = (a: Site, b: Site): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;

describe('FCC sites', () => {
  test('should list the origin, then its 12 neighbours at √2, then 6 at 2 and 24 at √6', () => {
    // Arrange / Act
    const shells = fccSites(43).map((s) => dist2(s, [0, 0, 0]));

    // Assert
    expect(shells).toEqual([0, ...Array(12).fill(2), ...Array(6).fill(4), ...Array(24).fill(6)]);
  });

  test.prop([fc.integer({ min: 1, max: 600 })])('should give n distinct lattice sites (even coordinate sum)', (n) => {
    const s = fccSites(n);
    expect(s).toHaveLength(n);
    expect(new Set(s.map((x) => x.join(','))).size).toBe(n);
    expect(s.every((x) => (x[0] + x[1] + x[2]) % 2 === 0)).toBe(true);
  });
});

describe('VE wiring', () => {
  test('should wire every interior site to exactly its 12 cuboctahedral neighbours', () => {
    // Arrange: equal layers, so each output's anchor is its own site
    const n = 201, sites = fccSites(n);
    const interior = sites.map((s) => sites.filter((t) => dist2(s, t) === 2).length === 12);

    // Act
    const { inputs, veNeighbours } = veWiring(n, n);

    // Assert
    expect(interior.filter(Boolean).length).toBeGreaterThan(40);
    sites.forEach((s, j) => {
      expect(veNeighbours[j] === 12).toBe(interior[j]);
      if (!interior[j]) return;
      const nb = inputs[j].map((i) => sites[i]);
      expect(nb.every((t) => dist2(s, t) === 2)).toBe(true);
      // the cuboctahedron: 12 vertices, each adjacent (at the edge length √2) to exactly 4 others
      expect(nb.map((a) => nb.filter((b) => dist2(a, b) === 2).length)).toEqual(Array(12).fill(4));
    });
  });

  test.prop([fc.integer({ min: 13, max: 300 }), fc.integer({ min: 1, max: 300 })])(
    'should give every output exactly 12 distinct inputs, so a VE layer has 12·n_out weights', (nIn, nOut) => {
      const { inputs, veNeighbours } = veWiring(nIn, nOut);
      expect(inputs).toHaveLength(nOut);
      for (const [j, ins] of inputs.entries()) {
        expect(new Set(ins).size).toBe(12);
        expect(ins.every((i) => Number.isInteger(i) && i >= 0 && i < nIn)).toBe(true);
        expect(veNeighbours[j]).toBeLessThanOrEqual(12);
      }
    });

  test('should connect all inputs when the input layer has fewer than 13 neurons', () => {
    expect(veWiring(5, 3).inputs).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]]);
  });

  test("should build the seed's 100 → 50 → 10 layers with the documented parameter counts", () => {
    // Arrange: the seed's network, as hidden layers after an embedding, on a 10-class task
    const cfg = resolveConfig({ task: { p: 10 }, model: { hidden: [100, 50], masks: { W2: { kind: 've' }, W3: { kind: 've' } } } });
    const task = buildTask(cfg.task, 0);

    // Act
    const { params, masks } = initMlp(cfg.model, task, 0);

    // Assert: 12 inputs per output neuron, 10× fewer than the dense 100·50 + 50·10
    const kept = (w: string) => masks.get(w)!.reduce((a, b) => a + b, 0);
    expect([kept('W2'), kept('W3')]).toEqual([12 * 50, 12 * 10]);
    expect((100 * 50 + 50 * 10) / (12 * 60)).toBeGreaterThan(7.5);
    expect(params.get('W2')!.filter((x, i) => x !== 0 && masks.get('W2')![i] === 0)).toHaveLength(0);
  });

  test('should zero the pattern only at init with initOnly, leaving the layer dense', () => {
    const cfg = resolveConfig({ task: { p: 11 }, model: { hidden: [40, 30], masks: { W2: { kind: 've', initOnly: true } } } });
    const { params, masks } = initMlp(cfg.model, buildTask(cfg.task, 0), 0);
    expect(masks.has('W2')).toBe(false);
    expect(params.get('W2')!.filter((x) => x !== 0)).toHaveLength(12 * 30);
  });
});
