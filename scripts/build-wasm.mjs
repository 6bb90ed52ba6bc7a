// Compiles assembly/kernels.ts to build/kernels.wasm (WebAssembly + SIMD) with the AssemblyScript
// compiler from node_modules. Runs offline, on `npm ci` (the prepare script) and before tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'assembly', 'kernels.ts');
const out = join(root, 'build', 'kernels.wasm');
const fresh = existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
if (!fresh || process.argv.includes('--force')) {
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [
    join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), src,
    '-o', out, '-O3', '--runtime', 'stub', '--noAssert', '--importMemory', '--enable', 'simd',
  ], { stdio: 'inherit' });
}
