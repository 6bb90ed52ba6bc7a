import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { Arena } from './wasm.ts';

const saved = { threads: process.env.GROKCHECK_STEP_THREADS, split: process.env.GROKCHECK_SPLIT_MIN };
afterEach(() => {
  for (const [k, v] of [['GROKCHECK_STEP_THREADS', saved.threads], ['GROKCHECK_SPLIT_MIN', saved.split]] as const) {
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

/**
 * An arena with A [M×K or K×M], B [K×N] and C [M×N] filled from a fixed pseudo-random sequence, at `threads`;
 * with `rows`, also labels and a gradient [rows×N] for the loss kernel.
 */
function setup(threads: number, M: number, N: number, K: number, rows = 0) {
  process.env.GROKCHECK_STEP_THREADS = String(threads);
  process.env.GROKCHECK_SPLIT_MIN = '0';
  const arena = new Arena();
  const hA = arena.reserve(M * K), hB = arena.reserve(K * N), hC = arena.reserve(M * N), hP = arena.reservePack(Math.max(N, 8));
  const hY = rows ? arena.reserveLabels(rows) : -1, hG = rows ? arena.reserve(rows * N) : -1;
  const v = arena.commit();
  const A = v.f32(hA), B = v.f32(hB), C = v.f32(hC);
  let s = 12345;
  const next = () => { s = (s * 1103515245 + 12345) >>> 0; return (s / 2 ** 32) * 2 - 1; };
  for (const x of [A, B, C]) for (let i = 0; i < x.data.length; i++) x.data[i] = 4 * next();
  return { arena: Object.assign(arena, { labels: rows ? v.i32(hY) : null, grad: rows ? v.f32(hG) : null }), A, B, C, pack: v.f32(hP).ptr };
}

describe('Team: one product on several threads', () => {
  // tall (split by rows), wide (by columns), the Xᵀ·dY layout (sam = 1), K past one 256-chunk, accumulate
  const shapes = [
    { M: 203, N: 97, K: 300, t: false, acc: 0 }, { M: 7, N: 517, K: 64, t: false, acc: 1 },
    { M: 256, N: 97, K: 531, t: true, acc: 0 }, { M: 33, N: 40, K: 9, t: true, acc: 1 }, { M: 1, N: 1000, K: 5, t: false, acc: 0 },
  ];
  for (const { M, N, K, t, acc } of shapes) {
    test(`should give bit-identical results on 3 threads and on 1 (M=${M} N=${N} K=${K}${t ? ', A transposed' : ''}${acc ? ', accumulating' : ''})`, () => {
      // Arrange
      const [one, three] = [1, 3].map((threads) => setup(threads, M, N, K));
      const product = (r: typeof one) => r.arena.kernels.gemm(M, N, K, r.A.ptr, t ? 1 : K, t ? M : 1, r.B.ptr, N, r.C.ptr, N, acc, r.pack);
      // Act: repeat until a helper has taken a chunk (on a loaded machine the calling thread may take them all)
      let reps = 0;
      do { product(three); reps++; } while (three.arena.helped === 0 && reps < 2000);
      for (let i = 0; i < reps; i++) product(one);
      // Assert
      expect(Buffer.from(three.C.data.buffer, three.C.ptr, 4 * M * N).equals(Buffer.from(one.C.data.buffer, one.C.ptr, 4 * M * N))).toBe(true);
      expect(one.arena.helped).toBe(0);
      expect(three.arena.helped).toBeGreaterThan(0);
      three.arena.dispose();
    });
  }

  test('should give the same cross-entropy sum, hits and gradient bit for bit on 3 threads and on 1', () => {
    // Arrange: 301 rows of 13 logits (the A buffer of a 301×13 setup), labels r mod 13
    const R = 301, C = 13;
    const runs = [1, 3].map((threads) => {
      const { arena, A } = setup(threads, R, C, 1, R);
      for (let r = 0; r < R; r++) arena.labels!.data[r] = r % C;
      return { arena, A, grad: arena.grad! };
    });
    // Act: repeat until a helper has taken rows
    const call = (r: typeof runs[0]) => ({ sum: r.arena.kernels.softmaxCrossEntropy(R, C, r.A.ptr, r.arena.labels!.ptr, r.grad.ptr, 1 / R), hits: r.arena.kernels.correct() });
    let got = call(runs[1]);
    for (let i = 0; runs[1].arena.helped === 0 && i < 2000; i++) got = call(runs[1]);
    const want = call(runs[0]);
    // Assert
    expect(got).toEqual(want);
    expect(Buffer.from(runs[1].grad.data.buffer, runs[1].grad.ptr, 4 * R * C).equals(Buffer.from(runs[0].grad.data.buffer, runs[0].grad.ptr, 4 * R * C))).toBe(true);
    expect(runs[1].arena.helped).toBeGreaterThan(0);
    runs[1].arena.dispose();
  });

  test('should let the process exit while helpers are alive and never disposed', () => {
    // Arrange
    const script = `import { Arena } from ${JSON.stringify(fileURLToPath(new URL('./wasm.ts', import.meta.url)))};
      const a = new Arena(); const h = a.reserve(64 * 64), p = a.reservePack(64); const v = a.commit();
      a.kernels.gemm(64, 64, 64, v.f32(h).ptr, 64, 1, v.f32(h).ptr, 64, v.f32(h).ptr, 64, 0, v.f32(p).ptr);
      console.log('helped', a.helped > 0);`;
    // Act
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, GROKCHECK_STEP_THREADS: '2', GROKCHECK_SPLIT_MIN: '0' }, encoding: 'utf8', timeout: 30_000,
    });
    // Assert
    expect(out.error).toBeUndefined();
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('helped');
  });
});

describe('the team protocol when a helper fails', () => {
  test('should throw, not sleep for ever, when a helper failed or stopped making progress', async () => {
    // Arrange: a product of 2 chunks, none done
    const { CHUNKS, DONE, FAILED, awaitDone, controlWords } = await import('./team-chunks.mjs');
    const ctl = new Int32Array(new SharedArrayBuffer(4 * controlWords(1)));
    ctl[CHUNKS] = 2; ctl[DONE] = 1;
    // Act / Assert: no progress within the stall limit
    expect(() => awaitDone(ctl, 50)).toThrow(/no progress for 0.05 s/);
    // a helper's trap sets FAILED
    Atomics.store(ctl, FAILED, 1);
    expect(() => awaitDone(ctl, 60_000)).toThrow(/helper thread of the step failed/);
    // every chunk done: returns at once
    ctl[DONE] = 2;
    expect(() => awaitDone(ctl, 50)).not.toThrow();
  });
});
