import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { ConfigError } from '../engine/errors.ts';
import { buildTask } from './index.ts';
import { OPS, inverse, isPrime } from './ops.ts';

const modular = (o: Record<string, unknown>) => buildTask({ kind: 'modular', op: 'add', p: 7, trainFraction: 0.5, randomLabels: false, trainIds: null, ...o } as never, 0);

describe('modular tasks', () => {
  test('should label pairs by the op of Power et al., e.g. 3 ∘ 5 mod 7', () => {
    const label = (op: string) => { const t = modular({ op }); return t.labels[Array.from(t.ids).indexOf(3 * 7 + 5)]; };
    expect(label('add')).toBe(1); // 8 mod 7
    expect(label('sub')).toBe(5); // −2 mod 7
    expect(label('mul')).toBe(1); // 15 mod 7
    expect(label('div')).toBe(2); // 3·5⁻¹ = 3·3 = 9 mod 7
    expect(label('x2y2')).toBe(6); // 9 + 25 = 34 mod 7
    expect(label('x2xyy2')).toBe(0); // 9 + 15 + 25 = 49
    expect(label('x3xy')).toBe(0); // 27 + 15 = 42
  });

  prop.prop([fc.constantFrom(5, 7, 11, 13, 97), fc.nat()])('should invert every nonzero b for prime p', (p, b0) => {
    const b = (b0 % (p - 1)) + 1;
    expect((inverse(b, p) * b) % p).toBe(1);
  });

  test('should exclude b = 0 from division and encode b as token p + b', () => {
    const t = modular({ op: 'div' });
    expect(t.labels.length).toBe(7 * 6);
    for (let i = 0; i < t.labels.length; i++) {
      expect(t.tokens[2 * i + 1]).toBeGreaterThan(7);
      expect(t.tokens[2 * i]).toBe(Math.floor(t.ids[i] / 7));
    }
  });

  prop.prop([fc.integer({ min: 5, max: 40 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.nat(100)])(
    'should split all pairs into disjoint train and test sets of the requested fraction', (p, frac, seed) => {
      const t = buildTask({ kind: 'modular', op: 'add', p, trainFraction: frac, randomLabels: false, trainIds: null }, seed);
      expect(t.train.length).toBe(Math.round(frac * p * p));
      expect(new Set([...t.train, ...t.test]).size).toBe(p * p);
    });

  test('should permute labels by seed for the random-label control, keeping their counts', () => {
    const a = modular({ randomLabels: true }), b = modular({});
    expect(Array.from(a.labels).sort()).toEqual(Array.from(b.labels).sort());
    expect(Array.from(a.labels)).not.toEqual(Array.from(b.labels));
  });

  test('should take an explicit split of flat ids and reject bad ones', () => {
    const t = modular({ trainIds: [0, 8, 48] });
    expect(Array.from(t.train, (i) => t.ids[i])).toEqual([0, 8, 48]);
    expect(() => modular({ trainIds: [49] })).toThrow(/task.trainIds = 49/);
    expect(() => modular({ trainIds: [3, 3] })).toThrow(/must not repeat/);
  });

  test('should reject a non-prime p for division, naming the field', () => {
    expect(() => modular({ op: 'div', p: 96 })).toThrow(ConfigError);
    expect(() => modular({ op: 'div', p: 96 })).toThrow("task.p = 96: must be a prime for op 'div'");
    expect(() => modular({ op: 'pow' })).toThrow(/task.op = 'pow'/);
    expect(() => modular({ trainFraction: 1 })).toThrow(/task.trainFraction = 1: must be a number in \(0, 1\)/);
    expect(isPrime(97) && !isPrime(91)).toBe(true);
    expect(Object.keys(OPS)).toHaveLength(7);
  });
});

describe('sparse parity', () => {
  test('should label by the XOR of the first k bits, one token per bit', () => {
    const t = buildTask({ kind: 'parity', bits: 8, relevant: 3, trainSize: 50, testSize: 50, randomLabels: false }, 1);
    expect(t.tokensPerExample).toBe(8);
    for (let i = 0; i < 100; i++) {
      const x = t.ids[i];
      expect(t.labels[i]).toBe((x & 1) ^ ((x >> 1) & 1) ^ ((x >> 2) & 1));
      for (let b = 0; b < 8; b++) expect(t.tokens[i * 8 + b]).toBe(2 * b + ((x >> b) & 1));
    }
    expect(new Set(t.ids).size).toBe(100);
  });

  test('should refuse more examples than 2^bits', () => {
    expect(() => buildTask({ kind: 'parity', bits: 4, relevant: 2, trainSize: 10, testSize: 10, randomLabels: false }, 0)).toThrow(/2\^bits = 16/);
  });
});
