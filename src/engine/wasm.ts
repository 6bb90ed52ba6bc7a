import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { settings } from './settings.ts';
import type { Kernels } from './kernels.ts';
import { SPLIT_MIN, Team } from './team.ts';

export type { Kernels } from './kernels.ts';

const buildPath = (name: string) => fileURLToPath(new URL(`../../build/${name}`, import.meta.url));
const modules: { plain?: WebAssembly.Module; shared?: WebAssembly.Module } = {};
let variant: 'wasm-simd-fma' | 'wasm-simd' = 'wasm-simd';

/**
 * The kernels' module: the fused-multiply-add build where this Node accepts relaxed SIMD (V8's
 * --experimental-wasm-relaxed-simd, set here before compiling; on by default from Node 22), the plain SIMD
 * build otherwise or when GROKCHECK_KERNELS=simd. The two round differently, so the variant is part of
 * every run's identity in the run store. `shared`: the same code built to import a shared memory (threads).
 */
export function kernelModule(shared = false): WebAssembly.Module {
  const key = shared ? 'shared' : 'plain';
  const cached = modules[key];
  if (cached) return cached;
  const suffix = shared ? '-shared.wasm' : '.wasm';
  const plain = buildPath(`kernels${suffix}`), fma = buildPath(`kernels-fma${suffix}`);
  if (!existsSync(plain)) throw new Error(`grokcheck: the compiled kernels are missing (${plain}); run \`npm run build:wasm\` (npm ci runs it).`);
  if (settings().kernels !== 'simd' && existsSync(fma)) {
    try {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
      variant = 'wasm-simd-fma';
      return (modules[key] = new WebAssembly.Module(readFileSync(fma)));
    } catch { /* this runtime lacks relaxed SIMD: fall back */ }
  }
  variant = 'wasm-simd';
  return (modules[key] = new WebAssembly.Module(readFileSync(plain)));
}

/** The kernels bound to a memory (each model, and each Linalg, has its own). */
export function instantiate(memory: WebAssembly.Memory): Kernels {
  return new WebAssembly.Instance(kernelModule(memory.buffer instanceof SharedArrayBuffer), { env: { memory } }).exports as unknown as Kernels;
}

/** Which kernel build runs in this process: 'wasm-simd-fma' or 'wasm-simd'. */
export function kernelVariant(): string {
  kernelModule();
  return variant;
}

/** Floats of scratch gemm needs for N columns; mirrors packSize() in assembly/kernels.ts (KC = 256). */
export const gemmScratch = (N: number): number => 256 * ((N + 7) & ~7) + 64;

/** A typed view into the arena together with its byte offset, which is what the kernels take. */
export interface Buf<T extends Float32Array | Int32Array = Float32Array> {
  readonly ptr: number;
  readonly data: T;
}

/**
 * One run's memory: every buffer of the model is laid out here once, before training, so the hot path
 * allocates nothing. `reserve` reserves sizes; `commit` creates the memory and the views. With
 * settings().stepThreads > 1 the memory is shared and `kernels.gemm` splits large products over a Team
 * of helper threads (bit-identical results; src/engine/team.ts); `dispose` lets them go.
 */
export class Arena {
  private offset = 65536; // the first page holds the kernels' static data (exp/log tables)
  private readonly plan: { kind: 'f32' | 'i32'; len: number; ptr: number }[] = [];
  private packFloats = 0;
  private lossRows = 0;
  private team: Team | null = null;
  kernels!: Kernels;

  /** Reserves the i32 labels of up to `rows` rows for the loss kernels (and, with helper threads, room to split them). */
  reserveLabels(rows: number): number {
    this.lossRows = Math.max(this.lossRows, rows);
    return this.reserve(rows, 'i32');
  }

  /** Reserves gemm's packing scratch for products with up to N columns (each helper thread gets one as large). */
  reservePack(N: number): number {
    this.packFloats = Math.max(this.packFloats, gemmScratch(N));
    return this.reserve(gemmScratch(N));
  }

  reserve(len: number, kind: 'f32' | 'i32' = 'f32'): number {
    const ptr = this.offset;
    this.plan.push({ kind, len, ptr });
    this.offset = (ptr + len * 4 + 63) & ~63; // 64-byte aligned: one cache line
    return this.plan.length - 1;
  }

  commit(): { f32: (h: number) => Buf; i32: (h: number) => Buf<Int32Array> } {
    const { stepThreads, splitMin } = settings();
    const helpers = this.packFloats > 0 ? stepThreads - 1 : 0;
    const packs = Array.from({ length: helpers }, () => this.plan[this.reserve(this.packFloats)].ptr);
    const hLosses = helpers > 0 && this.lossRows > 0 ? this.reserve(this.lossRows) : -1;
    const pages = Math.ceil(this.offset / 65536) + 1;
    const memory = helpers > 0 ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }) : new WebAssembly.Memory({ initial: pages });
    const kernels = instantiate(memory);
    const buf = memory.buffer;
    if (helpers > 0) {
      const losses = hLosses >= 0 ? { ptr: this.plan[hLosses].ptr, data: new Float32Array(buf, this.plan[hLosses].ptr, this.lossRows) } : null;
      const team = this.team = new Team(kernelModule(true), memory, kernels, packs, losses, splitMin ?? SPLIT_MIN, this);
      this.kernels = { ...kernels, gemm: team.gemm, softmaxCrossEntropy: team.softmaxCrossEntropy, correct: team.correct };
    } else this.kernels = kernels;
    return {
      f32: (h) => ({ ptr: this.plan[h].ptr, data: new Float32Array(buf, this.plan[h].ptr, this.plan[h].len) }),
      i32: (h) => ({ ptr: this.plan[h].ptr, data: new Int32Array(buf, this.plan[h].ptr, this.plan[h].len) }),
    };
  }

  /** Output chunks of split products computed by helper threads so far (0 single-threaded). */
  get helped(): number { return this.team?.helped ?? 0; }

  /** Lets the helper threads (if any) exit; the memory itself is garbage-collected. */
  dispose(): void { this.team?.dispose(); }
}
