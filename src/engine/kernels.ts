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
  softmaxCrossEntropyRows(R: number, C: number, x: number, y: number, grad: number, scale: number, losses: number): number;
  correct(): number;
}
