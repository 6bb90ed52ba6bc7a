// Compiles assembly/kernels.ts with the AssemblyScript compiler from node_modules: build/kernels.wasm
// (WebAssembly SIMD) and build/kernels-fma.wasm (plus relaxed SIMD: fused multiply-add), each also as a
// -shared build that imports a shared memory (the same code; what src/engine/team.ts's worker threads need
// to compute one product together). Runs offline, on `npm ci` (the prepare script) and before tests; skipped
// when the builds are newer than the source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'assembly', 'kernels.ts');
const builds = [['kernels.wasm', ['simd']], ['kernels-fma.wasm', ['simd', 'relaxed-simd']]]
  .flatMap(([name, features]) => [[name, features, []], [name.replace('.wasm', '-shared.wasm'), [...features, 'threads'], ['--sharedMemory', '--maximumMemory', '65536']]]);
for (const [name, features, extra] of builds) {
  const out = join(root, 'build', name);
  const fresh = existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
  if (fresh && !process.argv.includes('--force')) continue;
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [
    join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), src,
    '-o', out, '-O3', '--runtime', 'stub', '--noAssert', '--importMemory', ...extra, ...features.flatMap((f) => ['--enable', f]),
  ], { stdio: 'inherit' });
}
