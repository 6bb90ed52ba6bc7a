import { availableParallelism, cpus } from 'node:os';
import { configure, settings } from '../engine/settings.ts';
import { runParallel } from '../runs/pool.ts';
import { median } from '../stats/median.ts';
import { kernelVariant } from '../engine/wasm.ts';
import { loadTf } from '../models/tfjs.ts';
import { type RunConfig, type RunConfigInput, resolveConfig } from '../train/config.ts';
import { train } from '../train/train.ts';
import { parse } from './args.ts';

/** The canonical grokking MLP step of the issue: p=97, a+b, 4704 training pairs in one batch, width 256, ReLU, no biases, CE, AdamW. */
const CANONICAL: RunConfigInput = {
  task: { kind: 'modular', op: 'add', p: 97, trainFraction: 0.5 },
  model: { hidden: [256], act: 'relu', bias: false },
  optimizer: { name: 'adamw', lr: 1e-3, wd: 1, beta1: 0.9, beta2: 0.98 },
};
const SMALL: RunConfigInput = { ...CANONICAL, task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.5 }, model: { hidden: [128], act: 'relu', bias: false } };
/** Nanda et al. (2023)'s grokking transformer recipe: p=113, 30% of the pairs in one batch, d 128, 4 heads, d_mlp 512, AdamW lr 1e-3, wd 1, β2 0.98, 10 warm-up steps. */
const NANDA: RunConfigInput = {
  task: { kind: 'modular', op: 'add', p: 113, trainFraction: 0.3 },
  model: { kind: 'transformer', dModel: 128, heads: 4, dMlp: 512 },
  optimizer: { name: 'adamw', lr: 1e-3, wd: 1, beta1: 0.9, beta2: 0.98, warmup: 10 },
};
/** The CI-scale transformer: p=53, 40% of the pairs, d 64, 4 heads, d_mlp 256 (groks within 8000 steps). */
const NANDA_SMALL: RunConfigInput = { ...NANDA, task: { kind: 'modular', op: 'add', p: 53, trainFraction: 0.4 }, model: { kind: 'transformer', dModel: 64, heads: 4, dMlp: 256 } };

/** `split`: also timed with every core computing each step's products (src/engine/team.ts), beside one thread. */
interface Workload { id: string; config: RunConfigInput; warmup: number; steps: number; split?: boolean }
const WORKLOADS: Workload[] = [
  { id: 'mlp-p97-w256-relu-ce-adamw-full', config: CANONICAL, warmup: 5, steps: 40, split: true },
  { id: 'mlp-p97-w256-quadratic-ce-adamw-full', config: { ...CANONICAL, model: { hidden: [256], act: 'quadratic', bias: false } }, warmup: 5, steps: 40 },
  { id: 'mlp-p31-w128-relu-ce-adamw-full', config: SMALL, warmup: 20, steps: 200 },
  { id: 'tfjs-p31-w128-relu-ce-adamw-full', config: { ...SMALL, model: { kind: 'tfjs-mlp', hidden: [128], act: 'relu', bias: false } }, warmup: 3, steps: 20 },
  { id: 'transformer-p113-d128-h4-mlp512-f0.3-full', config: NANDA, warmup: 3, steps: 15, split: true },
  { id: 'transformer-p53-d64-h4-mlp256-f0.4-full', config: NANDA_SMALL, warmup: 10, steps: 60, split: true },
];


/** Median ms per training step after warm-up (the evaluations are outside the timed steps), on `threads` step threads. */
function timeSteps(w: Workload, threads: number): number {
  const times: number[] = [];
  const cfg: RunConfig = resolveConfig({ ...w.config, steps: w.warmup + w.steps, evalEvery: 1_000_000 });
  const before = process.env.GROKCHECK_STEP_THREADS; // unset or explicit, as it was (the sweep below reads it too)
  configure({ stepThreads: threads });
  try {
    train(cfg, 0, { onStep: (ms) => times.push(ms) });
  } finally {
    configure({ stepThreads: before === undefined ? undefined : Number(before) });
  }
  return median(times.slice(w.warmup));
}

export const help = `grokcheck bench: time the engine on the standard workloads (ms per training step, runs per minute).

  --json                  print one JSON object per workload instead of a table
  --only TEXT             run only the workloads whose id contains TEXT ('sweep': the parallel sweep)
  -h, --help              this help`;

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, only: { type: 'string' } });
  const rows: Record<string, number | string>[] = [];
  const emit = (r: Record<string, number | string>) => {
    rows.push(r);
    if (values.json) console.log(JSON.stringify(r));
    else console.error(`  ${r.workload}: ${Number(r.msPerStep ?? 0).toFixed(2)} ms/step${r.runsPerMinute ? `, ${Number(r.runsPerMinute).toFixed(1)} runs/min` : ''}`);
  };
  for (const w of WORKLOADS) {
    if (values.only && !w.id.includes(values.only)) continue;
    for (const threads of w.split && availableParallelism() > 1 ? [1, availableParallelism()] : [1]) {
      const ms = timeSteps(w, threads);
      const backend = w.id.startsWith('tfjs') ? `tfjs-${loadTf().backend}` : `${kernelVariant()}${w.split ? `, ${threads} thread${threads > 1 ? 's' : ''}` : ''}`;
      emit({ workload: w.id, msPerStep: ms, stepsPerSecond: 1000 / ms, backend, threads });
    }
  }
  if (!values.only || 'sweep'.includes(values.only)) {
    const threads = settings().threads, runs = 4 * threads, steps = 500;
    const cfg = resolveConfig({ ...SMALL, steps, evalEvery: 100 });
    const t0 = performance.now();
    await runParallel(Array.from({ length: runs }, (_, seed) => ({ config: cfg, seed })), { threads });
    const minutes = (performance.now() - t0) / 60000;
    emit({ workload: `sweep-p31-w128-${steps}steps-x${runs}`, runsPerMinute: runs / minutes, threads, msPerStep: (minutes * 60000 * threads) / (runs * steps) });
  }
  if (!values.json) {
    console.log(`\ngrokcheck bench — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}\n`);
    console.log('| workload | backend | ms/step (median) | steps/s | runs/min |');
    console.log('|---|---|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.workload} | ${r.backend ?? `${r.threads} threads`} | ${Number(r.msPerStep).toFixed(2)} | ${r.stepsPerSecond ? Number(r.stepsPerSecond).toFixed(1) : ''} | ${r.runsPerMinute ? Number(r.runsPerMinute).toFixed(1) : ''} |`);
    }
  }
  return 0;
}
