import { Worker } from 'node:worker_threads';
import { type ChunkKernels, type Gemm, CROSS_ENTROPY, GEMM, GEN, HELPED, HITS, QUIT, READY, awaitDone, chunk, claim, controlWords, post } from './team-chunks.mjs';
import type { Kernels } from './kernels.ts';

/**
 * Multiply-adds (M·N·K) below which a product stays on the calling thread: waking a helper and waiting for it
 * costs tens of microseconds, about what 2^18 multiply-adds take at the kernels' speed (~10 GFLOP/s per core).
 * An estimate, not yet tuned on a quiet machine (`npm run bench` with GROKCHECK_SPLIT_MIN set overrides it).
 */
export const SPLIT_MIN = 1 << 18;

const f32bits = (v: number): number => new Int32Array(Float32Array.of(v).buffer)[0];

let disposedHelped = 0;
/** Output chunks computed by the helpers of every team disposed so far in this thread (tests: the split happened). */
export const helperChunks = (): number => disposedHelped;

/** Quits a team's helpers when its arena is collected without dispose(). */
const orphans = new FinalizationRegistry<Int32Array>((ctl) => quit(ctl));

function quit(ctl: Int32Array): void {
  Atomics.store(ctl, QUIT, 1);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
}

/**
 * Helper threads that compute one product (or one loss over many rows) together with the calling thread, on the run's shared
 * WebAssembly.Memory. A product's OUTPUT is cut into chunks of rows (or of columns when it is wider than tall),
 * never along the reduction: every output element is still computed by one thread with the same instruction
 * sequence (the kernel's micro-tiles compute each element independently, in k order), so results are
 * bit-identical at any thread count and any cut; bitwise.test.ts checks it. Threads claim chunks from a shared
 * counter until none are left, so a helper the OS schedules late (2 cores shared by many processes) costs
 * little: the calling thread takes its chunks. The calling thread sleeps on Atomics.wait (allowed on Node's main
 * thread) for chunks still being computed, so the training loop stays synchronous. Helpers start at the first
 * product large enough to split, are unref'd (they never keep a process alive) and quit on dispose() or when
 * the arena is collected.
 */
export class Team {
  private ctl: Int32Array | null = null;
  private failed = false;
  private gen = 0;
  private hits = 0;

  /**
   * `k`: the kernels on this thread; `packs`: one gemm packing scratch (byte offset) per helper, each as large as
   * the caller's; `losses`: room for one float per row of the largest loss call (null: the loss stays on this
   * thread); `owner`: the arena whose collection quits the helpers.
   */
  constructor(private readonly module: WebAssembly.Module, private readonly memory: WebAssembly.Memory,
              private readonly k: ChunkKernels & { softmaxCrossEntropy: Kernels['softmaxCrossEntropy']; correct(): number },
              private readonly packs: readonly number[], private readonly losses: { ptr: number; data: Float32Array } | null,
              private readonly splitMin: number, private readonly owner: object) {}

  /** The kernels' gemm, split across the team when M·N·K ≥ splitMin. */
  readonly gemm: Gemm = (M, N, K, a, sam, sak, b, ldb, c, ldc, acc, pack) => {
    // rows in multiples of 4 (the micro-kernel's height; at least 32 so that re-packing B per chunk stays
    // cheap), columns in multiples of 8 (a packed panel); about 4 chunks per thread
    const byRows = M >= N, unit = byRows ? 4 : 8, units = Math.ceil((byRows ? M : N) / unit);
    const step = unit * Math.max(byRows ? 8 : 1, Math.ceil(units / (4 * (this.packs.length + 1))));
    const chunks = Math.min(0xffff, Math.ceil((byRows ? M : N) / step));
    if (M * N * K < this.splitMin || chunks < 2 || !this.start()) { this.k.gemm(M, N, K, a, sam, sak, b, ldb, c, ldc, acc, pack); return; }
    this.run(GEMM, [M, N, K, a, sam, sak, b, ldb, c, ldc, acc], byRows, step, chunks, pack);
  };

  /**
   * The kernels' softmaxCrossEntropy, its rows split across the team when large: each row's term is written to
   * `losses` and summed here in f64 in row order, the additions the single-threaded kernel makes, so the loss
   * is bit-identical too. Hits are integers (any order). `correct` reads the last call's hits.
   */
  readonly softmaxCrossEntropy = (R: number, C: number, x: number, y: number, grad: number, scale: number): number => {
    const step = Math.max(32, Math.ceil(R / (4 * (this.packs.length + 1)))), chunks = Math.ceil(R / step);
    const L = this.losses;
    // an exponential and a logarithm per logit: about 16 multiply-adds' worth of work each
    if (!L || R > L.data.length || 16 * R * C < this.splitMin || chunks < 2 || !this.start()) {
      const sum = this.k.softmaxCrossEntropy(R, C, x, y, grad, scale);
      this.hits = this.k.correct();
      return sum;
    }
    this.run(CROSS_ENTROPY, [R, C, x, y, grad, f32bits(scale), L.ptr], true, step, chunks, 0);
    this.hits = Atomics.load(this.ctl!, HITS);
    let sum = 0;
    for (let r = 0; r < R; r++) sum += L.data[r];
    return sum;
  };

  /** Hits of the last softmaxCrossEntropy call. */
  readonly correct = (): number => this.hits;

  /** Posts work to the helpers, takes chunks of it on this thread too, and waits until every chunk is done. */
  private run(kind: number, args: number[], byRows: boolean, step: number, chunks: number, pack: number): void {
    const ctl = this.ctl!;
    this.gen = (this.gen + 1) & 0x3fffffff;
    post(ctl, this.gen, kind, args, byRows, step, chunks);
    for (let i = claim(ctl, this.gen); i >= 0; i = claim(ctl, this.gen)) chunk(ctl, i, this.k, pack);
    awaitDone(ctl);
  }

  /** Chunks the helpers have computed so far (tests and benchmarks read it to see that the split happened). */
  get helped(): number { return this.ctl ? Atomics.load(this.ctl, HELPED) : 0; }

  /** Starts the helpers once (false if they cannot start: products then run on this thread). */
  private start(): boolean {
    if (this.ctl) return true;
    if (this.failed) return false;
    const control = new SharedArrayBuffer(4 * controlWords(this.packs.length));
    const ctl = new Int32Array(control);
    const url = new URL('./team-worker.mjs', import.meta.url);
    this.packs.forEach((pack, slot) => {
      // plain JavaScript: none of this process's flags or loaders (tsx, --input-type) are needed or wanted there
      const w = new Worker(url, { workerData: { module: this.module, memory: this.memory, control, slot, pack }, execArgv: [] });
      w.on('error', () => { this.failed = true; }); // a helper that cannot start: the wait below times out
      w.unref();
    });
    for (let slot = 0; slot < this.packs.length; slot++) {
      if (Atomics.wait(ctl, READY + slot, 0, 10_000) === 'timed-out') {
        quit(ctl);
        this.failed = true;
        return false;
      }
    }
    this.ctl = ctl;
    orphans.register(this.owner, ctl, this);
    return true;
  }

  /** Lets the helpers exit (their loop ends; nothing is left running); later products run on this thread. */
  dispose(): void {
    this.failed = true;
    if (!this.ctl) return;
    disposedHelped += this.helped;
    quit(this.ctl);
    orphans.unregister(this);
    this.ctl = null;
  }
}
