import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pack, parse, stringify, unpack } from './json.ts';
import { RunStore, runKey } from './store.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

describe('the run store', () => {
  test('should give back NaN and ±Infinity as written, not as null (a diverged loss, a bin never visited)', () => {
    // Arrange
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-store-')));
    const config = { steps: 3 } as unknown as RunConfig;
    const t = { evals: [{ step: 0, trainLoss: NaN, 'wl:lnG': -Infinity, x: Infinity, y: 0.5 }], tMem: null, tGrok: null, steps: 3, diverged: 2 } as unknown as Trajectory;
    // Act
    store.put(config, 0, t);
    const back = store.get(config, 0)!;
    // Assert
    expect(back).toEqual(t);
    expect(Object.is(back.evals[0].trainLoss, NaN)).toBe(true);
    expect(back.evals[0]['wl:lnG']).toBe(-Infinity);
    expect(back.tMem).toBeNull();
    expect(readFileSync(join(store.dir, `${runKey(config, 0)}.json`), 'utf8')).toContain('{"$num":"-Infinity"}');
  });

  test('should round-trip non-finite numbers through a transport that JSON-encodes by itself', () => {
    const x = { a: [1, NaN, -Infinity], b: { c: Infinity, d: null, e: 'NaN' } };
    expect(unpack(JSON.parse(JSON.stringify(pack(x))))).toEqual(x);
    expect(parse(stringify(x))).toEqual(x);
    expect(parse('{"a":null}')).toEqual({ a: null }); // entries written before keep their nulls
  });
});
