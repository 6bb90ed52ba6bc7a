import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeNpy, parseNpy, readNpy, writeNpy } from './npy.ts';

const fixture = (name: string) => new URL(`../../fixtures/npy/${name}`, import.meta.url).pathname;

describe('.npy interop', () => {
  test('should read arrays written by NumPy (fixtures/make-npy.py)', () => {
    const f = readNpy(fixture('f32_3x5.npy'));
    expect(f.shape).toEqual([3, 5]);
    expect(Array.from(f.data)).toEqual(Array.from({ length: 15 }, (_, i) => i / 4));
    expect(Array.from(readNpy(fixture('f64_4.npy')).data)).toEqual([0.5, -1.25, 3.0, 1e-3]);
    expect(Array.from(readNpy(fixture('i64_split.npy')).data)).toEqual([0, 5, 7, 12, 24]);
    const i = readNpy(fixture('i32_2x2.npy'));
    expect(i.shape).toEqual([2, 2]);
    expect(Array.from(i.data)).toEqual([1, -2, 3, 4]);
  });

  test('should round-trip what it writes, with a 64-byte aligned header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    const data = Float32Array.from([1.5, -2, 3.25, 0, 7, 8]);
    writeNpy(join(dir, 'a.npy'), data, [2, 3]);
    const back = readNpy(join(dir, 'a.npy'));
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect((encodeNpy(Int32Array.of(1, 2), [2]).indexOf(0x0a) + 1) % 64).toBe(0);
  });

  test('should reject a file that is not .npy, naming it', () => {
    expect(() => parseNpy(Buffer.from('hello world, no magic'), 'x.npy')).toThrow(/x.npy = .*not a readable .npy file/);
  });
});
