export type Gemm = (M: number, N: number, K: number, a: number, sam: number, sak: number, b: number, ldb: number,
                    c: number, ldc: number, accumulate: number, pack: number) => void;
export const GEN: number, QUIT: number, READY: number, HELPED: number, HITS: number, ARGS: number, GEMM: number, CROSS_ENTROPY: number, CHUNKS: number, DONE: number, FAILED: number;
export interface ChunkKernels { gemm: Gemm; softmaxCrossEntropyRows(R: number, C: number, x: number, y: number, grad: number, scale: number, losses: number): number }
export function controlWords(helpers: number): number;
export function claim(ctl: Int32Array, gen: number): number;
export function chunk(ctl: Int32Array, c: number, k: ChunkKernels, pack: number): void;
export function post(ctl: Int32Array, gen: number, kind: number, args: readonly number[], byRows: boolean, step: number, chunks: number): void;
export function awaitDone(ctl: Int32Array, stallMs?: number): void;
export function spin(ctl: Int32Array, i: number, v: number, spins: number): void;
