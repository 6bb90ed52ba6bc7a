import { check } from '../engine/errors.ts';
import { deepMerge } from '../engine/merge.ts';
import { DEFAULTS, type RunConfig, type RunConfigInput, resolveConfig } from '../train/config.ts';
import type { Status } from './evidence.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { Prediction } from './predictions/prediction.ts';
import type { Tuning } from './tune.ts';

/** A claim as a hypothesis file declares it: what is claimed, where, and the pre-registered protocol. */
export interface ClaimSpec {
  /** The id in ../shared/CLAIMS.md, e.g. 'D1'. */
  id: string;
  /** A short statement, e.g. 'grokking delay'. */
  title: string;
  /** The claim quoted from its seed document. */
  quote: string;
  source: { seed: string; section: string; paper?: string };
  /** The report's feature, e.g. 'Delay'. */
  topic: string;
  /** Why this regime and scale test the claim fairly, and what was tested instead where it is approximated. */
  regime: string;
  /** Changes to the protocol made after seeing data, with why (empty if none). */
  deviations?: string;
  /** Config shared by every arm; each arm overrides only what the claim is about. */
  base: RunConfigInput;
  arms: Record<string, RunConfigInput>;
  /** Seeds per arm (0..seeds−1, the same in every arm: paired splits and inits). GROKCHECK_SEEDS raises it. */
  seeds: number;
  /** Family-wise significance level; predictions are Holm-adjusted within the claim. */
  alpha?: number;
  predictions: Prediction[];
  /** The verdict the evidence gave when last recorded; null until first recorded (`vitest -u` records it). */
  recorded: Status | null;
  /** Config paths shown as the report's parameters (default: the ones that differ between arms, and the recipe). */
  show?: string[];
  /**
   * Extra pictures for the report page, drawn after the verdict (they never enter it): e.g. a histogram from
   * weights recovered with `replay`. Plot helpers: histogram, scatter.
   */
  figures?(runs: Record<string, Trajectory[]>, configs: Record<string, RunConfig>): Figure[];
  /** Citations for config values the file sets, by config path or prefix, e.g. { optimizer: 'Nanda et al. (2023) §…' }. */
  cite?: Record<string, string>;
  /** Hyperparameters tuned per arm (results of `tune`): the page shows each tuning curve. */
  tuning?: Tuning<unknown>[];
  /** Why the arms may differ in effective step size without tuning (silences the page's warning). */
  untunedBecause?: string;
  /** Save weights of these arms' seeds as .npy at log-spaced steps, t_mem and t_grok (reports/checkpoints/). */
  checkpoints?: { arms?: string[]; seeds?: number[] };
  /**
   * The protocol at the papers' own sizes, used with `--scale full` (GROKCHECK_SCALE=full), meant for a cluster:
   * overrides merged into base and arms, and the seeds per arm. Without it, full scale means p = 97 for modular
   * tasks, 3× the step budget and 32 seeds per arm.
   */
  full?: { base?: RunConfigInput; arms?: Record<string, RunConfigInput>; seeds?: number };
}

/** 'full' under --scale full (GROKCHECK_SCALE=full): the papers' sizes; 'ci' otherwise (sizes that run on 2 cores). */
export function scale(): 'ci' | 'full' {
  return process.env.GROKCHECK_SCALE === 'full' ? 'full' : 'ci';
}

/** A spec at full scale: its own `full` overrides, or the generic ones (p = 97, 3× steps, 32 seeds). */
function atFullScale(spec: ClaimSpec): ClaimSpec {
  const generic: RunConfigInput = {
    ...((spec.base.task?.kind ?? 'modular') === 'modular' ? { task: { p: 97 } } : {}),
    steps: (spec.base.steps ?? DEFAULTS.steps) * 3,
  };
  const arms = Object.fromEntries(Object.entries(spec.arms).map(([a, over]) => [a, deepMerge(over, spec.full?.arms?.[a] ?? {})]));
  return { ...spec, base: deepMerge(spec.base, spec.full?.base ?? generic), arms, seeds: spec.full?.seeds ?? Math.max(32, spec.seeds) };
}

/** A picture for a claim's report page. */
export interface Figure { title: string; png: Buffer }

export interface Claim extends Required<Omit<ClaimSpec, 'deviations' | 'show' | 'figures' | 'untunedBecause' | 'checkpoints' | 'full'>> {
  /** The scale the claim was defined at: 'ci' (recorded verdicts apply) or 'full'. */
  scale: 'ci' | 'full';
  deviations: string;
  figures?: ClaimSpec['figures'];
  untunedBecause?: string;
  checkpoints?: ClaimSpec['checkpoints'];
  /** Each arm's config as the file gives it (base merged with the arm), before defaults: what the file set. */
  inputs: Record<string, RunConfigInput>;
  show: string[];
  /** Each arm's full resolved config. */
  configs: Record<string, RunConfig>;
}

/** Seeds per arm: the file's number, raised by GROKCHECK_SEEDS for users with more time. */
export function seedsFor(spec: { seeds: number }): number {
  const env = Number(process.env.GROKCHECK_SEEDS);
  return Number.isInteger(env) && env > spec.seeds ? env : spec.seeds;
}

/** Validates a spec eagerly and resolves each arm's config, naming the claim and field on error. */
export function defineClaim(given: ClaimSpec): Claim {
  const spec = scale() === 'full' ? atFullScale(given) : given;
  check(/^[A-Z][A-Z0-9]*\d+$/.test(spec.id), 'claim.id', spec.id, 'must be a claim id like D1 or S3');
  check(Object.keys(spec.arms).length > 0, `${spec.id}: arms`, spec.arms, 'must name at least one arm');
  check(Number.isInteger(spec.seeds) && spec.seeds >= 2, `${spec.id}: seeds`, spec.seeds, 'must be an integer ≥ 2');
  check(spec.predictions.length > 0, `${spec.id}: predictions`, spec.predictions.length, 'must pre-register at least one prediction');
  check(spec.recorded === null || ['supported', 'refuted', 'inconclusive'].includes(spec.recorded), `${spec.id}: recorded`, spec.recorded,
    "must be null or one of 'supported', 'refuted', 'inconclusive'");
  const configs: Record<string, RunConfig> = {}, inputs: Record<string, RunConfigInput> = {};
  for (const [arm, over] of Object.entries(spec.arms)) {
    try {
      // an arm that switches the task's kind (modular → parity) replaces the task instead of merging into it
      const switches = over.task?.kind !== undefined && over.task.kind !== (spec.base.task?.kind ?? 'modular');
      inputs[arm] = deepMerge(switches ? { ...spec.base, task: undefined } : spec.base, over);
      configs[arm] = resolveConfig(inputs[arm]);
    } catch (e) {
      throw new Error(`${spec.id}, arm '${arm}': ${(e as Error).message}`);
    }
  }
  for (const p of spec.predictions) for (const a of p.arms) check(a in configs, `${spec.id}: prediction '${p.name}' arm`, a, `must be one of the arms: ${Object.keys(configs).join(', ')}`);
  return {
    ...spec, alpha: spec.alpha ?? 0.05, deviations: spec.deviations ?? '', show: spec.show ?? differingPaths(configs), configs, inputs,
    cite: spec.cite ?? {}, tuning: spec.tuning ?? [], scale: scale(),
    seeds: seedsFor(spec),
  };
}

/** Config paths whose values differ between arms, plus the recipe's key hyperparameters. */
function differingPaths(configs: Record<string, RunConfig>): string[] {
  const flat = Object.values(configs).map((c) => flatten(c));
  const keys = new Set(flat.flatMap((f) => Object.keys(f)));
  const differ = [...keys].filter((k) => new Set(flat.map((f) => JSON.stringify(f[k]))).size > 1);
  const key = ['task.op', 'task.p', 'task.trainFraction', 'model.hidden', 'model.act', 'loss', 'optimizer.name', 'optimizer.lr', 'optimizer.wd', 'steps'];
  return [...new Set([...differ, ...key])];
}

export function flatten(x: unknown, prefix = ''): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { [prefix]: x };
  return Object.assign({}, ...Object.entries(x).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}
