/**
 * The job queue's cost, measured: one sweep of small runs trained (a) by the local thread pool, (b) through
 * Redis by one `grokcheck worker` process, (c) by two. Needs Debian's redis-server (started and stopped here,
 * on a free port). Usage: npx tsx scripts/queue-bench.ts [runs=16]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweep } from '../src/runs/sweep.ts';
import { queueExecutor } from '../src/runs/queue.ts';
import { type Executor, localExecutor } from '../src/runs/pool.ts';
import { RunStore } from '../src/runs/store.ts';
import { resolveConfig } from '../src/train/config.ts';

const n = Number(process.argv[2] ?? 16);
const port = 21000 + Math.floor(Math.random() * 9000), url = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((ok) => redis.stdout!.on('data', (d: Buffer) => { if (String(d).includes('Ready to accept')) ok(); }));

const worker = (): Promise<ChildProcess> => new Promise((ok) => {
  const p = spawn(process.execPath, ['bin/grokcheck.mjs', 'worker', '--queue', url], { stdio: ['ignore', 'pipe', 'inherit'] });
  p.stdout!.on('data', (d: Buffer) => { if (String(d).includes('ready on')) ok(p); });
});
/** A fresh batch of runs each time (new seeds), so no result is reused between measurements. */
let seed0 = 0;
const batch = () => { const s = seed0; seed0 += n; return Array.from({ length: n }, (_, i) => ({ config: resolveConfig({ task: { p: 31, trainFraction: 0.6 }, model: { hidden: [96] }, steps: 1000, evalEvery: 100 }), seed: s + i })); };
const time = async (label: string, executor: Executor) => {
  const t0 = performance.now();
  const { trajectories } = await sweep(batch(), { store: new RunStore(mkdtempSync(join(tmpdir(), 'qb-'))), executor });
  const wall = performance.now() - t0, train = trajectories.reduce((s, t) => s + t.wallMs, 0);
  console.log(`${label.padEnd(28)} wall ${(wall / 1000).toFixed(2)} s for ${n} runs; training ${(train / 1000).toFixed(2)} s in all; overhead per run ${((wall - train / (label.includes('2') ? 2 : 1)) / n).toFixed(0)} ms`);
};

await time('local, 1 thread', localExecutor(1));
await time('local, 2 threads', localExecutor(2));
const a = await worker();
await time('queue, 1 worker process', queueExecutor(url, { pollMs: 500 }));
const b = await worker();
await time('queue, 2 worker processes', queueExecutor(url, { pollMs: 500 }));
for (const p of [a, b]) p.kill('SIGTERM');
redis.kill('SIGTERM');
process.exit(0);
