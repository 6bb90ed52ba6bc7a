import { check } from '../engine/errors.ts';
import { deepMerge } from '../engine/merge.ts';
import { settings } from '../engine/settings.ts';
import { DEFAULTS, type RunConfig, type RunConfigInput, resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { Control, Precondition } from './controls.ts';
import type { Status } from './evidence.ts';
import type { Prediction } from './predictions/prediction.ts';
import { type Recipe, recipe, unpack } from './recipe.ts';
import { TUNING_SEEDS, type TuneSpec, type Tuning } from './tune.ts';

/** Seeds per arm when a file names none: enough for a one-sided rank test at 5% with a margin (8 vs 8). */
export const DEFAULT_SEEDS = 8;
/** The arm name of a single-arm claim that declares no `arms`. */
export const MAIN_ARM = 'main';

/** Values chosen by a claim's tuning steps, by step key. */
export type Best = Readonly<Record<string, unknown>>;

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
  /** Why this regime and scale test the claim fairly; a function of the tuning results when the claim tunes. */
  regime: string | ((tuned: Readonly<Record<string, Tuning>>) => string);
  /** Changes to the protocol made after seeing data, with why (empty if none); may read the tuning results too. */
  deviations?: string | ((tuned: Readonly<Record<string, Tuning>>) => string);
  /** Config shared by every arm (a recipe brings its citations); each arm overrides only what the claim is about. */
  base: RunConfigInput | Recipe;
  /** The name of the regime this spec describes, shown on the page and as the verdict map's column (default 'CI scale'). */
  regimeName?: string;
  /**
   * Positive controls in this regime: predictions that must come out supported (a paper's number reproduced, a
   * planted effect detected) before the claim's own test counts. A failed control makes the verdict inconclusive.
   */
  controls?: Control[];
  /** Conditions the runs must meet for a fair test (e.g. preconditions.grokked()); unmet → inconclusive. */
  preconditions?: Precondition[];
  /**
   * Further regimes, each decided on its own with the same predictions (arms by the same names) and its own
   * controls; the claim's verdict combines them by `quantifier`. Put the source's regime first: the spec's own
   * (top-level) regime, or one marked `source`.
   */
  regimes?: RegimeSpec[];
  /**
   * How the regimes' verdicts combine. 'universal' (the claim says must, always, any): refuted by any regime
   * that refutes (its controls held); supported when the source regime supports and none refutes. 'existential'
   * (the claim says can, there is): supported by any regime that supports; refuted when the source regime
   * refutes and none supports. Default 'universal'.
   */
  quantifier?: 'universal' | 'existential';
  /** Why no outcome could refute the claim as quoted: its verdict is then 'untestable', whatever the runs show. */
  untestable?: string;
  /** The arms (default: one arm, 'main', the base itself); a function of the tuned values when the claim tunes. */
  arms?: Record<string, RunConfigInput> | ((best: Best) => Record<string, RunConfigInput>);
  /** Seeds per arm (0..seeds−1, the same in every arm: paired splits and inits); default 8. GROKCHECK_SEEDS raises it. */
  seeds?: number;
  /** The first test seed (default 0): the seeds are firstSeed..firstSeed+seeds−1, for a registration on fresh seeds. Disjoint from the tuning seeds. */
  firstSeed?: number;
  /** Family-wise significance level; predictions are Holm-adjusted within the claim. */
  alpha?: number;
  predictions: Prediction[];
  /** The verdict the evidence gave when last recorded; null until first recorded (`grokcheck record ID`). */
  recorded: Status | null;
  /** Config paths shown as the report's parameters (default: the ones that differ between arms, and the recipe). */
  show?: string[];
  /**
   * Extra pictures for the report page, drawn after the verdict (they never enter it): e.g. a histogram from
   * weights recovered with `replay`. Plot helpers: histogram, scatter.
   */
  figures?(runs: Record<string, Trajectory[]>, configs: Record<string, RunConfig>): Figure[];
  /** Citations for config values the file sets, by config path or prefix (added to the recipe's). */
  cite?: Record<string, string>;
  /** Hyperparameters tuned before the test, in order (fair baselines): see TuneSpec. */
  tune?: TuneSpec<any>[];
  /** Why the arms may differ in effective step size without tuning (silences the page's warning). */
  untunedBecause?: string;
  /** Save weights of these arms' seeds as .npy at log-spaced steps, t_mem and t_grok (reports/checkpoints/). */
  checkpoints?: { arms?: string[]; seeds?: number[] };
  /**
   * The protocol at the papers' own sizes, used with `--scale full`, meant for a cluster: overrides merged into
   * base and arms, and the seeds per arm. Without it, full scale means p = 97 for modular tasks, 3× the step
   * budget and 32 seeds per arm.
   */
  full?: { base?: RunConfigInput; arms?: Record<string, RunConfigInput>; seeds?: number };
}

/** A further regime of a claim: its own configs, seeds, controls and preconditions; the claim's predictions. */
export interface RegimeSpec {
  name: string;
  /** Why this regime, and what it changes (like ClaimSpec.regime; a function of its own tuning when it tunes). */
  regime: string | ((tuned: Readonly<Record<string, Tuning>>) => string);
  base: RunConfigInput | Recipe;
  /** The arms (default: the claim's); a function of the tuned values when this regime tunes. */
  arms?: Record<string, RunConfigInput> | ((best: Best) => Record<string, RunConfigInput>);
  /** Hyperparameters tuned in this regime before its test (like ClaimSpec.tune; the claim's own tuning is not inherited). */
  tune?: TuneSpec<any>[];
  seeds?: number;
  /** The first test seed (default: the claim's). */
  firstSeed?: number;
  controls?: Control[];
  preconditions?: Precondition[];
  /** The predictions here, where the claim's own name arms this regime lacks (default: the claim's). */
  predictions?: Prediction[];
  /** This is the regime the source speaks of (default: the spec's own regime is). */
  source?: boolean;
  /** Too large for CI: run only with `--scale full` (the page says so). */
  fullScaleOnly?: boolean;
}

/** A picture for a claim's report page. */
export interface Figure { title: string; png: Buffer }

/** A claim ready to verify: the spec validated, at the settings' scale, every arm's config resolved. */
export interface Claim {
  id: string; title: string; quote: string; source: ClaimSpec['source']; topic: string;
  regime: string;
  /** The regime's name (the verdict map's column), and whether it is the one the source speaks of. */
  regimeName: string;
  isSource: boolean;
  controls: Control[];
  preconditions: Precondition[];
  /** The claim's further regimes (at CI scale, those not marked fullScaleOnly), each a claim to test on its own. */
  regimes: Claim[];
  quantifier: 'universal' | 'existential';
  untestable?: string;
  deviations: string;
  seeds: number;
  /** The test seeds are firstSeed..firstSeed+seeds−1. */
  firstSeed: number;
  alpha: number;
  predictions: Prediction[];
  recorded: Status | null;
  /** The scale the claim was defined at: 'ci' (recorded verdicts apply) or 'full'. */
  scale: 'ci' | 'full';
  /** Config paths shown as the report's parameters. */
  show: string[];
  figures?: ClaimSpec['figures'];
  cite: Record<string, string>;
  untunedBecause?: string;
  checkpoints?: ClaimSpec['checkpoints'];
  /** The base config at this scale (tuning runs start from it). */
  base: RunConfigInput;
  /** Each arm's config as the file gives it (base merged with the arm), before defaults: what the file set. */
  inputs: Record<string, RunConfigInput>;
  /** Each arm's full resolved config. */
  configs: Record<string, RunConfig>;
  /** Tuning steps still to run before the test (empty once tuned, or when the claim tunes nothing). */
  pendingTuning: TuneSpec<any>[];
  /** Results of the tuning steps, in order. */
  tuning: Tuning[];
  /** The spec, at this scale, for resolving the arms once tuned. */
  spec: ClaimSpec;
}

/** A spec at full scale: its own `full` overrides, or the generic ones (p = 97, 3× steps, 32 seeds). */
function atFullScale(spec: ClaimSpec): ClaimSpec {
  const { config } = unpack(spec.base);
  const generic: RunConfigInput = {
    ...((config.task?.kind ?? 'modular') === 'modular' ? { task: { p: 97 } } : {}),
    steps: (config.steps ?? DEFAULTS.steps) * 3,
  };
  const over = (arms: Record<string, RunConfigInput>) =>
    Object.fromEntries(Object.entries(arms).map(([a, o]) => [a, deepMerge(o, spec.full?.arms?.[a] ?? {})]));
  const arms = typeof spec.arms === 'function' ? ((f) => (best: Best) => over(f(best)))(spec.arms) : spec.arms && over(spec.arms);
  const base = unpack(spec.base);
  return {
    ...spec, regimeName: spec.regimeName ?? 'full scale', base: recipe(deepMerge(base.config, spec.full?.base ?? generic), base.cite),
    arms, seeds: spec.full?.seeds ?? Math.max(32, spec.seeds ?? DEFAULT_SEEDS),
  };
}

/** Seeds per arm: the file's number (default 8), raised by the settings' `seeds` for users with more time. */
export function seedsFor(spec: { seeds?: number }): number {
  const own = spec.seeds ?? DEFAULT_SEEDS, raised = settings().seeds;
  return raised !== null && raised > own ? raised : own;
}

/**
 * Validates a spec eagerly and resolves each arm's config, naming the claim and field on error. A claim that
 * tunes is resolved with each grid's first value (to validate it) and carries its tuning steps as pending:
 * `resolveTuned` gives the claim to test once they ran.
 */
export function defineClaim(given: ClaimSpec, scale: 'ci' | 'full' = settings().scale): Claim {
  const spec = scale === 'full' ? atFullScale(given) : given;
  check(/^[A-Z][A-Z0-9]*\d+$/.test(spec.id), 'claim.id', spec.id, 'must be a claim id like D1 or S3');
  const seeds = spec.seeds ?? DEFAULT_SEEDS;
  check(Number.isInteger(seeds) && seeds >= 2, `${spec.id}: seeds`, seeds, 'must be an integer ≥ 2');
  check(spec.predictions.length > 0, `${spec.id}: predictions`, spec.predictions.length, 'must pre-register at least one prediction');
  check(spec.recorded === null || ['supported', 'refuted', 'inconclusive', 'untestable'].includes(spec.recorded), `${spec.id}: recorded`, spec.recorded,
    "must be null or one of 'supported', 'refuted', 'inconclusive', 'untestable'");
  checkTuning(spec);
  check(spec.untestable === undefined || spec.untestable.trim().length > 0, `${spec.id}: untestable`, spec.untestable, 'must say why no outcome could refute the claim');
  const names = [spec.regimeName ?? DEFAULT_REGIME, ...(spec.regimes ?? []).map((r) => r.name)];
  check(new Set(names).size === names.length, `${spec.id}: regime names`, names, 'must be distinct (name the top-level regime with regimeName)');
  check((spec.regimes ?? []).filter((r) => r.source).length <= 1, `${spec.id}: regimes`, 'several marked source', 'mark at most one regime as the source\'s');
  const claim = resolve(spec, firstValues(spec), []);
  const regimes = (spec.regimes ?? []).filter((r) => scale === 'full' || !r.fullScaleOnly).map((r) => regimeClaim(spec, r, scale));
  return { ...claim, scale, seeds: seedsFor(spec), pendingTuning: spec.tune ?? [], regimes };
}

/** The column of a claim's top-level regime when it names none. */
export const DEFAULT_REGIME = 'CI scale';

/** One further regime as a claim of its own: its configs, seeds, controls and preconditions; the claim's predictions. */
function regimeClaim(spec: ClaimSpec, r: RegimeSpec, scale: 'ci' | 'full'): Claim {
  const sub: ClaimSpec = {
    ...spec, regimeName: r.name, regime: r.regime, base: r.base, arms: r.arms, seeds: r.seeds ?? spec.seeds, firstSeed: r.firstSeed ?? spec.firstSeed, predictions: r.predictions ?? spec.predictions,
    controls: r.controls ?? [], preconditions: r.preconditions ?? [], tune: r.tune, regimes: undefined, show: undefined, full: undefined,
    deviations: typeof spec.deviations === 'function' ? '' : spec.deviations, figures: undefined, checkpoints: undefined,
  };
  checkTuning(sub, `regime '${r.name}'`);
  const claim = resolve(sub, firstValues(sub), []);
  return { ...claim, isSource: r.source ?? false, scale, seeds: seedsFor(sub), regimeName: r.name, regimes: [], pendingTuning: r.tune ?? [] };
}

/** A tuned spec is resolved (validated) with each grid's first value until its tuning has run. */
const firstValues = (spec: ClaimSpec): Best => Object.fromEntries((spec.tune ?? []).map((t) => [t.key, t.grid[0]]));

/** A spec's tuning steps are well formed, and only a spec that tunes reads tuned values. */
function checkTuning(spec: ClaimSpec, where = ''): void {
  const at = `${spec.id}${where ? ` ${where}` : ''}`;
  const keys = (spec.tune ?? []).map((t) => t.key);
  check(new Set(keys).size === keys.length, `${at}: tune keys`, keys, 'must be distinct');
  for (const t of spec.tune ?? []) check(t.grid.length > 0, `${at}: tune '${t.key}' grid`, t.grid, 'must list at least one value');
  const first = spec.firstSeed ?? 0, last = first + (spec.seeds ?? DEFAULT_SEEDS) - 1;
  check(Number.isInteger(first) && first >= 0, `${at}: firstSeed`, spec.firstSeed, 'must be an integer ≥ 0');
  for (const t of spec.tune ?? []) {
    const shared = (t.seeds ?? TUNING_SEEDS).filter((s) => s >= first && s <= last);
    check(shared.length === 0, `${at}: tune '${t.key}' seeds`, shared, `must be disjoint from the test seeds ${first}..${last} (move firstSeed, or the tuning seeds)`);
  }
  if (typeof spec.arms === 'function' || typeof spec.regime === 'function' || typeof spec.deviations === 'function') {
    check((spec.tune ?? []).length > 0, `${at}: arms`, 'a function', 'may be a function of tuned values only when the claim declares `tune` steps');
  }
}

/** The claim to test once its tuning steps ran: the arms and regime at the chosen values. */
export function resolveTuned(claim: Claim, tuning: Tuning[]): Claim {
  const best: Best = Object.fromEntries(claim.pendingTuning.map((t, i) => [t.key, tuning[i].best]));
  return { ...claim, ...resolve(claim.spec, best, tuning), scale: claim.scale, seeds: claim.seeds, isSource: claim.isSource, pendingTuning: [], regimes: claim.regimes };
}

function resolve(spec: ClaimSpec, best: Best, tuning: Tuning[]): Claim {
  const { config: base, cite: recipeCite } = unpack(spec.base);
  const given = typeof spec.arms === 'function' ? spec.arms(best) : spec.arms ?? { [MAIN_ARM]: {} };
  check(Object.keys(given).length > 0, `${spec.id}: arms`, given, 'must name at least one arm');
  const configs: Record<string, RunConfig> = {}, inputs: Record<string, RunConfigInput> = {};
  for (const [arm, over] of Object.entries(given)) {
    try {
      // an arm that switches the task's kind (modular → parity) replaces the task instead of merging into it
      const switches = over.task?.kind !== undefined && over.task.kind !== (base.task?.kind ?? 'modular');
      inputs[arm] = withProbes(deepMerge(switches ? { ...base, task: undefined } : base, over), [...spec.predictions, ...(spec.controls ?? []).map((c) => c.prediction)], arm);
      configs[arm] = resolveConfig(inputs[arm]);
    } catch (e) {
      throw new Error(`${spec.id}, arm '${arm}': ${(e as Error).message}`);
    }
  }
  const where = spec.regimeName ? ` (regime '${spec.regimeName}')` : '';
  for (const p of spec.predictions) for (const a of p.arms) check(a in configs, `${spec.id}: prediction '${p.name}' arm${where}`, a, `must be one of the arms: ${Object.keys(configs).join(', ')}`);
  for (const c of spec.controls ?? []) for (const a of c.prediction.arms) check(a in configs, `${spec.id}: control '${c.name}' arm${where}`, a, `must be one of the arms: ${Object.keys(configs).join(', ')}`);
  const byKey = Object.fromEntries((spec.tune ?? []).map((t, i) => [t.key, tuning[i]]));
  const text = (x: string | ((tuned: Readonly<Record<string, Tuning>>) => string)) =>
    (typeof x === 'string' ? x : tuning.length ? x(byKey) : '(written once the tuning has run)');
  return {
    id: spec.id, title: spec.title, quote: spec.quote, source: spec.source, topic: spec.topic,
    regime: text(spec.regime), deviations: text(spec.deviations ?? ''), seeds: spec.seeds ?? DEFAULT_SEEDS, firstSeed: spec.firstSeed ?? 0, alpha: spec.alpha ?? 0.05,
    regimeName: spec.regimeName ?? DEFAULT_REGIME, isSource: !(spec.regimes ?? []).some((r) => r.source),
    controls: spec.controls ?? [], preconditions: spec.preconditions ?? [], regimes: [],
    quantifier: spec.quantifier ?? 'universal', untestable: spec.untestable,
    predictions: spec.predictions, recorded: spec.recorded, scale: 'ci',
    show: spec.show ?? differingPaths(configs), figures: spec.figures, cite: { ...recipeCite, ...spec.cite },
    untunedBecause: spec.untunedBecause, checkpoints: spec.checkpoints, base, inputs, configs,
    pendingTuning: [], tuning, spec,
  };
}

/** The arm's config with every probe its predictions' metrics read added (after those the file lists, in order). */
function withProbes(input: RunConfigInput, predictions: readonly Prediction[], arm: string): RunConfigInput {
  const listed = input.probes ?? [];
  const needed = predictions.filter((p) => p.arms.includes(arm)).flatMap((p) => p.metric.probes ?? []);
  // controls' predictions are passed in with the claim's own
  const missing = [...new Set(needed)].filter((n) => !listed.includes(n));
  return missing.length ? { ...input, probes: [...listed, ...missing] } : input;
}

/** Config paths whose values differ between arms, plus the recipe's key hyperparameters. */
function differingPaths(configs: Record<string, RunConfig>): string[] {
  const flat = Object.values(configs).map((c) => flatten(c));
  const keys = new Set(flat.flatMap((f) => Object.keys(f)));
  const differ = [...keys].filter((k) => new Set(flat.map((f) => JSON.stringify(f[k]))).size > 1);
  const model = ['model.hidden', 'model.act', 'model.dModel', 'model.heads', 'model.dMlp', 'model.layers'].filter((k) => flat.some((f) => f[k] !== undefined)); // the model kind's own fields
  const key = ['task.op', 'task.p', 'task.trainFraction', ...model, 'loss', 'optimizer.name', 'optimizer.lr', 'optimizer.wd', 'steps'];
  return [...new Set([...differ, ...key])];
}

export function flatten(x: unknown, prefix = ''): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { [prefix]: x };
  return Object.assign({}, ...Object.entries(x).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}
