import { readFileSync } from 'node:fs';
import { ConfigError, check } from '../engine/errors.ts';
import { deepMerge } from '../engine/merge.ts';
import { OPS } from '../tasks/ops.ts';
import { buildTask } from '../tasks/index.ts';
import { type RunConfigInput, resolveConfig } from '../train/config.ts';
import { readSplit, readWeights, saveSplit, saveWeights } from '../train/interop.ts';
import { train } from '../train/train.ts';
import { num, parse } from './args.ts';
import { progressLine } from './progress.ts';

export const TRAIN_HELP = `grokcheck train: train one network and print its trajectory.

  --config FILE.json      a run config (see README); flags below override it
  --task OP               add sub mul div x2y2 x2xyy2 x3xy, or parity        [add]
  --p N                   modulus (prime for div)                            [97]
  --train-fraction F      fraction of pairs for training, in (0,1)          [0.5]
  --random-labels         permute the labels by seed (control)
  --width N | --hidden N,N  hidden layer widths                             [256]
  --act NAME              relu quadratic tanh gelu erf linear               [relu]
  --bias                  use biases                                        [off]
  --init-scale A          multiply the standard init by A                     [1]
  --loss ce|mse                                                              [ce]
  --optimizer NAME        sgd adam adamw                                  [adamw]
  --lr --wd --beta1 --beta2 --momentum                  [1e-3, 1, 0.9, 0.98, 0]
  --batch-size N          minibatch size (default: full batch)
  --steps N  --eval-every K  --seed S                            [1000, 10, 0]
  --split-from FILE.npy   training pairs as flat ids a*p+b (int .npy)
  --init-from DIR         initial weights W1.npy, W2.npy, ... (b1.npy ... with --bias)
  --save-to DIR           write final weights (and train.npy, the split) as .npy
  --probes a,b            probes to record: gradNorm weightNorm spectrum muonUpdate
                          fourier rank hessian oinfo
  --json                  print the trajectory as one JSON object`;

const OPTIONS = {
  config: { type: 'string' }, task: { type: 'string' }, p: { type: 'string' }, 'train-fraction': { type: 'string' },
  'random-labels': { type: 'boolean' }, width: { type: 'string' }, hidden: { type: 'string' }, act: { type: 'string' },
  bias: { type: 'boolean' }, 'init-scale': { type: 'string' }, loss: { type: 'string' }, optimizer: { type: 'string' },
  lr: { type: 'string' }, wd: { type: 'string' }, beta1: { type: 'string' }, beta2: { type: 'string' },
  momentum: { type: 'string' }, 'batch-size': { type: 'string' }, steps: { type: 'string' }, 'eval-every': { type: 'string' },
  seed: { type: 'string' }, 'split-from': { type: 'string' }, 'init-from': { type: 'string' }, 'save-to': { type: 'string' },
  probes: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' },
} as const;

/** Drops undefined leaves so that flags not given leave the config's values alone. */
function prune<T>(x: T): T {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    const pv = prune(v);
    if (pv !== undefined && !(typeof pv === 'object' && pv !== null && !Array.isArray(pv) && Object.keys(pv).length === 0)) out[k] = pv;
  }
  return out as T;
}

/** The run config the flags describe (exported for tests). */
export function configFromFlags(argv: string[]): { input: RunConfigInput; seed: number; flags: Record<string, any> } {
  const { values: f } = parse(argv, OPTIONS);
  let base: Record<string, any> = {};
  if (f.config) {
    try { base = JSON.parse(readFileSync(f.config, 'utf8')); } catch (e) { throw new ConfigError('--config', f.config, `must be a readable JSON run config (${(e as Error).message})`); }
  }
  const hidden = f.hidden !== undefined ? f.hidden.split(',').map((h) => num('hidden', h)!) : f.width !== undefined ? [num('width', f.width)!] : undefined;
  if (hidden) check(hidden.every((h) => Number.isInteger(h) && h > 0), f.hidden !== undefined ? '--hidden' : '--width', f.hidden ?? f.width, 'must be positive integer widths, e.g. 256 or 128,128');
  const isParity = f.task === 'parity';
  if (f.task !== undefined && !isParity) check(f.task in OPS, '--task', f.task, `must be one of ${Object.keys(OPS).join(', ')}, parity`);
  const flags: RunConfigInput = prune({
    task: isParity ? { kind: 'parity', randomLabels: f['random-labels'] } : {
      kind: f.task !== undefined ? 'modular' : undefined, op: f.task, p: num('p', f.p), trainFraction: num('train-fraction', f['train-fraction']),
      randomLabels: f['random-labels'], trainIds: f['split-from'] ? readSplit(f['split-from']) : undefined,
    },
    model: { hidden, act: f.act, bias: f.bias, initScale: num('init-scale', f['init-scale']) },
    loss: f.loss,
    optimizer: {
      name: f.optimizer, lr: num('lr', f.lr), wd: num('wd', f.wd), beta1: num('beta1', f.beta1), beta2: num('beta2', f.beta2),
      momentum: num('momentum', f.momentum),
    },
    batchSize: num('batch-size', f['batch-size']), steps: num('steps', f.steps), evalEvery: num('eval-every', f['eval-every']),
    probes: f.probes?.split(',').filter(Boolean),
  } as RunConfigInput);
  const seed = num('seed', f.seed) ?? 0;
  check(Number.isInteger(seed) && seed >= 0, '--seed', f.seed, 'must be a non-negative integer');
  return { input: deepMerge(base, flags) as RunConfigInput, seed, flags: f };
}

export async function trainCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help')) { console.log(TRAIN_HELP); return 0; }
  const { input, seed, flags } = configFromFlags(argv);
  const cfg = resolveConfig(input);
  const task = buildTask(cfg.task, seed);
  const initOverride = flags['init-from'] ? readWeights(flags['init-from'], cfg, task) : undefined;
  const bar = progressLine(cfg.steps, `train ${task.name} seed ${seed} `);
  const traj = train(cfg, seed, {
    initOverride,
    onEval: (e) => bar.update(e.step, `train ${e.trainAcc.toFixed(3)} test ${e.testAcc.toFixed(3)} loss ${e.trainLoss.toPrecision(3)}`),
    onEnd: (model, t) => { if (flags['save-to']) { saveWeights(flags['save-to'], model); saveSplit(flags['save-to'], t); } },
  });
  const last = traj.evals[traj.evals.length - 1];
  bar.end(`${traj.diverged ? `diverged at step ${traj.diverged.step}` : `done: ${traj.steps} steps`}; t_mem ${traj.tMem ?? '—'}, t_grok ${traj.tGrok ?? '—'}; ` +
    `final train acc ${last?.trainAcc.toFixed(3)}, test acc ${last?.testAcc.toFixed(3)}; ${traj.msPerStep.toFixed(1)} ms/step`);
  if (flags.json) console.log(JSON.stringify(traj));
  return 0;
}
