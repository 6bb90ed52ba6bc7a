// The protocol of a Team's control block (an Int32Array on a SharedArrayBuffer), shared by the calling thread
// (src/engine/team.ts) and its helpers (team-worker.mjs). One product at a time: its gemm arguments, how its
// output is cut into chunks, a claim counter tagged with the product's generation (so a helper that wakes late
// can never take a chunk of a later product) and a count of finished chunks.

export const GEN = 0, QUIT = 1, NEXT = 2, DONE = 3, CHUNKS = 4, BY_ROWS = 5, STEP = 6, HELPED = 7, ARGS = 8, KIND = 20, HITS = 21, FAILED = 22, READY = 32;
/** What a posted product is: a gemm (ARGS: M, N, K, a, sam, sak, b, ldb, c, ldc, accumulate), or softmax cross-entropy rows (ARGS: R, C, x, y, grad, scale's bits, losses). */
export const GEMM = 0, CROSS_ENTROPY = 1;
/** Int32 words of a control block for `helpers` helper threads. */
export const controlWords = (helpers) => READY + helpers;

const tag = (gen) => (gen & 0x7fff) << 16;

/** Claims the next chunk of product `gen`: its index, or −1 when none is left (or `gen` is over). */
export function claim(ctl, gen) {
  for (;;) {
    const v = Atomics.load(ctl, NEXT);
    if ((v & ~0xffff) !== tag(gen) || (v & 0xffff) >= ctl[CHUNKS]) return -1;
    if (Atomics.compareExchange(ctl, NEXT, v, v + 1) === v) return v & 0xffff;
  }
}

/**
 * Computes chunk c of the posted work with the kernels `k` (gemm with packing scratch `pack`, or
 * softmaxCrossEntropyRows), then counts it done.
 */
export function chunk(ctl, c, k, pack) {
  const n = ctl[CHUNKS], step = ctl[STEP], from = c * step;
  if (ctl[KIND] === CROSS_ENTROPY) {
    const R = ctl[ARGS], C = ctl[ARGS + 1], x = ctl[ARGS + 2] >>> 0, y = ctl[ARGS + 3] >>> 0, grad = ctl[ARGS + 4] >>> 0;
    const scale = new Float32Array(ctl.buffer, 4 * (ARGS + 5), 1)[0], losses = ctl[ARGS + 6] >>> 0;
    const hits = k.softmaxCrossEntropyRows(Math.min(step, R - from), C, x + 4 * from * C, y + 4 * from, grad ? grad + 4 * from * C : 0, scale, losses + 4 * from);
    Atomics.add(ctl, HITS, hits);
  } else {
    const M = ctl[ARGS], N = ctl[ARGS + 1], K = ctl[ARGS + 2], a = ctl[ARGS + 3] >>> 0, sam = ctl[ARGS + 4], sak = ctl[ARGS + 5];
    const b = ctl[ARGS + 6] >>> 0, ldb = ctl[ARGS + 7], cp = ctl[ARGS + 8] >>> 0, ldc = ctl[ARGS + 9], acc = ctl[ARGS + 10];
    if (ctl[BY_ROWS]) k.gemm(Math.min(step, M - from), N, K, a + 4 * from * sam, sam, sak, b, ldb, cp + 4 * from * ldc, ldc, acc, pack);
    else k.gemm(M, Math.min(step, N - from), K, a, sam, sak, b + 4 * from, ldb, cp + 4 * from, ldc, acc, pack);
  }
  if (Atomics.add(ctl, DONE, 1) + 1 === n) Atomics.notify(ctl, DONE);
}

/**
 * Posts work of `kind` (after the previous one is done) and wakes the helpers. The claim counter moves to the
 * new generation first: a helper still in its claim loop for the previous product would otherwise read the new
 * chunk count against the old counter, take a chunk that does not exist, compute it from half-written arguments
 * and count it done in the new product (seen as a step that waited for ever).
 */
export function post(ctl, gen, kind, args, byRows, step, chunks) {
  Atomics.store(ctl, NEXT, tag(gen));
  for (let i = 0; i < args.length; i++) ctl[ARGS + i] = args[i];
  ctl[KIND] = kind;
  ctl[HITS] = 0;
  ctl[BY_ROWS] = byRows ? 1 : 0;
  ctl[STEP] = step;
  ctl[CHUNKS] = chunks;
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, GEN, gen);
  Atomics.notify(ctl, GEN);
}

/**
 * Spins up to `spins` reads while ctl[i] still equals `v` (a thread that sleeps at once pays the OS's wake-up
 * latency, milliseconds on a loaded machine, at every product; a short spin usually sees the change first).
 */
export function spin(ctl, i, v, spins) {
  for (let n = 0; n < spins && Atomics.load(ctl, i) === v; n++);
}

/**
 * Waits (a short spin, then asleep) until every chunk of the posted product is done. A helper that failed
 * (a trap in its kernels sets FAILED) or made no progress for `stallMs` would otherwise leave this thread
 * asleep for ever: either throws, naming what happened, so the run ends with an error instead of a hang.
 */
export function awaitDone(ctl, stallMs = 120_000) {
  const n = ctl[CHUNKS];
  for (let d = Atomics.load(ctl, DONE); d !== n; d = Atomics.load(ctl, DONE)) {
    spin(ctl, DONE, d, 20_000); // ~0.1–0.4 ms
    if (Atomics.load(ctl, FAILED)) throw new Error('a helper thread of the step failed (GROKCHECK_STEP_THREADS=1 runs without helpers)');
    if (Atomics.load(ctl, DONE) === d && Atomics.wait(ctl, DONE, d, stallMs) === 'timed-out' && Atomics.load(ctl, DONE) === d) {
      throw new Error(`a helper thread of the step made no progress for ${stallMs / 1000} s (GROKCHECK_STEP_THREADS=1 runs without helpers)`);
    }
  }
}
