import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { settings } from './settings.ts';

/** The exports of build/kernels.wasm (assembly/kernels.ts); every pointer is a byte offset. */
export interface Kernels {
  gemm(M: number, N: number, K: number, a: number, sam: number, sak: number, b: number, ldb: number,
       c: number, ldc: number, accumulate: number, pack: number): void;
  packSize(N: number): number;
  embedSum(R: number, T: number, tok: number, e: number, W: number, out: number): void;
  embedScatter(R: number, T: number, tok: number, dOut: number, W: number, dE: number): void;
  transpose(R: number, C: number, src: number, dst: number): void;
  reluForward(n: number, z: number, a: number): void;
  reluBackward(n: number, z: number, g: number): void;
  squareForward(n: number, z: number, a: number): void;
  squareBackward(n: number, z: number, g: number): void;
  addBias(R: number, C: number, z: number, b: number): void;
  columnSums(R: number, C: number, x: number, out: number): void;
  multiply(n: number, x: number, m: number): void;
  softmaxCrossEntropy(R: number, C: number, x: number, y: number, grad: number, scale: number): number;
  correct(): number;
}

const buildPath = (name: string) => fileURLToPath(new URL(`../../build/${name}`, import.meta.url));
let module: WebAssembly.Module | null = null;
let variant: 'wasm-simd-fma' | 'wasm-simd' = 'wasm-simd';

/**
 * The kernels' module: the fused-multiply-add build where this Node accepts relaxed SIMD (V8's
 * --experimental-wasm-relaxed-simd, set here before compiling; on by default from Node 22), the plain SIMD
 * build otherwise or when GROKCHECK_KERNELS=simd. The two round differently, so the variant is part of
 * every run's identity in the run store.
 */
function kernelModule(): WebAssembly.Module {
  if (module) return module;
  const plain = buildPath('kernels.wasm'), fma = buildPath('kernels-fma.wasm');
  if (!existsSync(plain)) throw new Error(`grokcheck: the compiled kernels are missing (${plain}); run \`npm run build:wasm\` (npm ci runs it).`);
  if (settings().kernels !== 'simd' && existsSync(fma)) {
    try {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
      module = new WebAssembly.Module(readFileSync(fma));
      variant = 'wasm-simd-fma';
      return module;
    } catch { /* this runtime lacks relaxed SIMD: fall back */ }
  }
  module = new WebAssembly.Module(readFileSync(plain));
  variant = 'wasm-simd';
  return module;
}

/** The kernels bound to a memory (each model, and each Linalg, has its own). */
export function instantiate(memory: WebAssembly.Memory): Kernels {
  return new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as Kernels;
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
 * allocates nothing. `layout` reserves sizes; `commit` creates the memory and the views.
 */
export class Arena {
  private offset = 65536; // the first page holds the kernels' static data (exp/log tables)
  private readonly plan: { kind: 'f32' | 'i32'; len: number; ptr: number }[] = [];
  kernels!: Kernels;

  reserve(len: number, kind: 'f32' | 'i32' = 'f32'): number {
    const ptr = this.offset;
    this.plan.push({ kind, len, ptr });
    this.offset = (ptr + len * 4 + 63) & ~63; // 64-byte aligned: one cache line
    return this.plan.length - 1;
  }

  commit(): { f32: (h: number) => Buf; i32: (h: number) => Buf<Int32Array> } {
    const pages = Math.ceil(this.offset / 65536) + 1;
    const memory = new WebAssembly.Memory({ initial: pages });
    this.kernels = instantiate(memory);
    const buf = memory.buffer;
    return {
      f32: (h) => ({ ptr: this.plan[h].ptr, data: new Float32Array(buf, this.plan[h].ptr, this.plan[h].len) }),
      i32: (h) => ({ ptr: this.plan[h].ptr, data: new Int32Array(buf, this.plan[h].ptr, this.plan[h].len) }),
    };
  }
}
