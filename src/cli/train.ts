import { readFileSync } from 'node:fs';
import { ConfigError, check } from '../engine/errors.ts';
import { deepMerge } from '../engine/merge.ts';
import { OPS } from '../tasks/ops.ts';
import { buildTask } from '../tasks/index.ts';
import { type RunConfigInput, resolveConfig } from '../train/config.ts';
import { readSplit, readWeights, saveSplit, saveWeights } from '../train/interop.ts';
import { run } from '../runs/run.ts';
import { num, parse } from './args.ts';
import { TRAIN_FLAGS, type TrainFlag, flagHelp, parseOptions } from './flags.ts';
import { progressLine } from './progress.ts';

/** The help, its flags and defaults read from the flag table and the config each time it is shown. */
export const help = (): string => `grokcheck train: train one network and print its trajectory.

  grokcheck train [flags]   a flag left out keeps the --config file's value, else the default
                            in [ ]; (in parentheses) the run-config field the flag sets

${flagHelp(TRAIN_FLAGS)}`;

const OPTIONS = parseOptions(TRAIN_FLAGS);

/** Sets a dotted field of a plain object, making the objects on the way. */
function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys[keys.length - 1]] = value;
}

/** KEY=VALUE,... as an object of numbers, booleans and strings (an optimizer's extra options). */
function pairs(flag: string, text: string): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const m = /^([A-Za-z_][\w]*)=(.+)$/.exec(part.trim());
    if (!m) throw new ConfigError(`--${flag}`, text, 'must be KEY=VALUE pairs separated by commas, e.g. muonLr=0.02,nsSteps=5');
    const v = m[2];
    out[m[1]] = v === 'true' ? true : v === 'false' ? false : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

/** A flag's text as the value its config field holds (a ConfigError naming the flag where it cannot be). */
function value(f: TrainFlag, v: string | boolean): unknown {
  if (typeof v === 'boolean') return v;
  switch (f.type) {
    case 'number': case 'integer': return num(f.flag, v);
    case 'list': return v.split(',').filter(Boolean);
    case 'pairs': return pairs(f.flag, v);
    case 'widths': {
      const hidden = v.split(',').map((h) => num(f.flag, h)!);
      check(hidden.every((h) => Number.isInteger(h) && h > 0), `--${f.flag}`, v, 'must be positive integer widths, e.g. 256 or 128,128');
      return hidden;
    }
    default: return v;
  }
}

/** The run config the flags describe (exported for tests). */
export function configFromFlags(argv: string[]): { input: RunConfigInput; seed: number; flags: Record<string, any> } {
  const { values: f } = parse(argv, OPTIONS);
  let base: Record<string, any> = {};
  if (f.config) {
    try { base = JSON.parse(readFileSync(f.config as string, 'utf8')); } catch (e) { throw new ConfigError('--config', f.config, `must be a readable JSON run config (${(e as Error).message})`); }
  }
  const input: Record<string, any> = {};
  for (const flag of TRAIN_FLAGS) {
    const v = f[flag.flag];
    if (v === undefined || flag.path === null) continue;
    if (flag.flag === 'width' && f.hidden !== undefined) continue; // --hidden says more
    if (flag.flag === 'task') {
      // --task names an op of the modular task, or the parity task itself
      check(v === 'parity' || (v as string) in OPS, '--task', v, `must be one of ${flag.choices!().join(', ')}`);
      if (v === 'parity') setPath(input, 'task.kind', 'parity');
      else { setPath(input, 'task.kind', 'modular'); setPath(input, 'task.op', v); }
    } else if (flag.flag === 'split-from') setPath(input, flag.path, readSplit(v as string));
    else {
      const x = value(flag, v);
      if (flag.range) check(flag.range[0](x), flag.path, x, flag.range[1]);
      setPath(input, flag.path, x);
    }
  }
  // resolveConfig refuses a trainFraction beside trainIds unless it is the MLP task's default (0.5), so a transformer
  // (default 0.3) given --split-from alone was refused: name the value it ignores. Fold into src/train with the next
  // engine change (it stales the run store and the full-scale ledger).
  if (input.task?.trainIds && f['train-fraction'] === undefined && base.task?.trainFraction === undefined) setPath(input, 'task.trainFraction', 0.5);
  const seed = num('seed', f.seed as string | undefined) ?? 0;
  check(Number.isInteger(seed) && seed >= 0, '--seed', f.seed, 'must be a non-negative integer');
  return { input: deepMerge(base, input) as RunConfigInput, seed, flags: f };
}

export async function trainCommand(argv: string[]): Promise<number> {
  const { input, seed, flags } = configFromFlags(argv);
  const cfg = resolveConfig(input);
  const task = buildTask(cfg.task, seed);
  const initOverride = flags['init-from'] ? readWeights(flags['init-from'], cfg, task) : undefined;
  const bar = progressLine(cfg.steps, `train ${task.name} seed ${seed} `);
  const traj = run(cfg, seed, {
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
