import { ConfigError, isInt } from '../engine/errors.ts';
import { ACTIVATIONS } from '../models/activations.ts';
import * as models from '../models/index.ts';
import { LOSSES } from '../models/losses.ts';
import { optimizerNames } from '../optim/recipes.ts';
import * as probes from '../probes/index.ts';
import { OPS } from '../tasks/ops.ts';
import { DEFAULTS, type RunConfig, resolveConfig } from '../train/config.ts';
import { wrap } from './args.ts';

/**
 * How a flag's text becomes a value: a number, an integer, text, an on/off switch, a comma list, widths
 * (`256` or `128,128`), KEY=VALUE pairs, or a path the command reads (not a config value itself).
 */
export type FlagType = 'number' | 'integer' | 'string' | 'boolean' | 'list' | 'widths' | 'pairs' | 'path';

/** One `grokcheck train` flag: the config field it sets, so its help shows the default the config really has. */
export interface TrainFlag {
  /** The flag without its dashes. */
  readonly flag: string;
  /** The dotted run-config field it sets (the same name a --config file uses); null: not a config field. */
  readonly path: string | null;
  readonly type: FlagType;
  /** The placeholder shown after the flag. */
  readonly arg?: string;
  readonly help: string;
  /** The allowed values, read from the registry each time so that registered additions are listed. */
  readonly choices?: () => string[];
  /** A field of this model kind only: its default is read from resolveConfig({ model: { kind } }). */
  readonly kind?: string;
  /** What the help shows when the flag is not a config field or its default is null. */
  readonly none?: string;
  /**
   * A range check for a field that resolveConfig does not check yet: [allowed, what is allowed]. The error names
   * the config field, as resolveConfig's own checks do.
   */
  readonly range?: readonly [(v: unknown) => boolean, string];
}

/**
 * The names a registry lists in its error for an unknown name. The probe and model registries export no list of
 * their names (yet); their lookup error does, and stays current with whatever is registered.
 */
function listedIn(lookup: (name: string) => unknown): string[] {
  try { lookup('\u0000'); } catch (e) {
    if (e instanceof ConfigError) return (/(?:one of|probe:)\s*(.*)$/.exec(e.allowed)?.[1] ?? '').split(', ').filter(Boolean);
  }
  return [];
}

type Registry = Record<string, unknown>;
export const probeNames = (): string[] => ((probes as Registry).probeNames as (() => string[]) | undefined)?.() ?? listedIn(probes.probe);
export const modelKinds = (): string[] => ((models as Registry).modelKinds as (() => string[]) | undefined)?.() ?? listedIn(models.modelFactory);

/** Every flag of `grokcheck train`, in help order. The help text, the parser and the config mapping all read this. */
export const TRAIN_FLAGS: readonly TrainFlag[] = [
  { flag: 'config', path: null, type: 'path', arg: 'FILE.json', help: 'a run config (the fields named below); flags override it' },
  // the task
  { flag: 'task', path: 'task.op', type: 'string', arg: 'OP', help: 'the operation on Z_p, or parity (sparse parity)', choices: () => [...Object.keys(OPS), 'parity'] },
  { flag: 'p', path: 'task.p', type: 'integer', arg: 'N', help: 'the modulus (a prime for div)' },
  { flag: 'train-fraction', path: 'task.trainFraction', type: 'number', arg: 'F', help: 'fraction of the pairs used for training, in (0, 1)' },
  { flag: 'random-labels', path: 'task.randomLabels', type: 'boolean', help: 'permute the labels by seed (a control)' },
  { flag: 'split-from', path: 'task.trainIds', type: 'path', arg: 'FILE.npy', help: 'the training pairs as flat ids a·p+b (an integer .npy)', none: 'by seed' },
  // the model
  { flag: 'model', path: 'model.kind', type: 'string', arg: 'KIND', help: 'the model', choices: modelKinds },
  { flag: 'width', path: 'model.hidden', type: 'widths', arg: 'N', help: 'one hidden layer of N units (MLP)' },
  { flag: 'hidden', path: 'model.hidden', type: 'widths', arg: 'N,N,...', help: 'hidden layer widths, first to last (MLP)' },
  { flag: 'act', path: 'model.act', type: 'string', arg: 'NAME', help: 'the activation (MLP)', choices: () => Object.keys(ACTIVATIONS) },
  { flag: 'bias', path: 'model.bias', type: 'boolean', help: 'use biases (MLP)' },
  { flag: 'init-scale', path: 'model.initScale', type: 'number', arg: 'A', help: 'multiply the standard initialization by A' },
  { flag: 'd-model', path: 'model.dModel', type: 'integer', arg: 'N', help: 'residual stream width', kind: 'transformer' },
  { flag: 'heads', path: 'model.heads', type: 'integer', arg: 'N', help: 'attention heads', kind: 'transformer' },
  { flag: 'd-mlp', path: 'model.dMlp', type: 'integer', arg: 'N', help: 'MLP width in each block', kind: 'transformer' },
  { flag: 'layers', path: 'model.layers', type: 'integer', arg: 'N', help: 'transformer blocks', kind: 'transformer' },
  { flag: 'ln', path: 'model.ln', type: 'boolean', help: 'pre-LayerNorm in each block', kind: 'transformer' },
  { flag: 'init-from', path: null, type: 'path', arg: 'DIR', help: 'initial weights, one .npy per parameter (W1, W2, ... and b1, ... with --bias; W_E, W_pos, ... for the transformer)', none: 'by seed' },
  // the loss and the optimizer
  { flag: 'loss', path: 'loss', type: 'string', arg: 'NAME', help: 'the loss against one-hot targets', choices: () => Object.keys(LOSSES) },
  { flag: 'optimizer', path: 'optimizer.name', type: 'string', arg: 'NAME', help: 'the optimizer', choices: optimizerNames },
  { flag: 'lr', path: 'optimizer.lr', type: 'number', arg: 'X', help: 'learning rate (> 0)' },
  { flag: 'wd', path: 'optimizer.wd', type: 'number', arg: 'X', help: 'weight decay (≥ 0): decoupled for adamw, L2 for sgd and adam' },
  { flag: 'beta1', path: 'optimizer.beta1', type: 'number', arg: 'X', help: "Adam's β1, in [0, 1)" },
  { flag: 'beta2', path: 'optimizer.beta2', type: 'number', arg: 'X', help: "Adam's β2, in [0, 1)" },
  { flag: 'eps', path: 'optimizer.eps', type: 'number', arg: 'X', help: "Adam's ε (> 0)" },
  { flag: 'momentum', path: 'optimizer.momentum', type: 'number', arg: 'X', help: 'SGD momentum, in [0, 1)' },
  { flag: 'nesterov', path: 'optimizer.nesterov', type: 'boolean', help: 'Nesterov momentum (SGD)' },
  { flag: 'clip', path: 'optimizer.clip', type: 'number', arg: 'X', help: 'clip the global gradient norm to X', none: 'none' },
  { flag: 'decay', path: 'optimizer.decay', type: 'string', arg: 'WHICH', help: 'the parameters that decay', choices: () => ['all', 'matrices'] },
  { flag: 'warmup', path: 'optimizer.warmup', type: 'integer', arg: 'N', help: 'linear learning-rate warm-up steps',
    range: [(v) => isInt(v, 0), 'must be an integer ≥ 0 (steps of linear warm-up; 0 = none)'] },
  { flag: 'extra', path: 'optimizer.extra', type: 'pairs', arg: 'K=V,...', help: "an optimizer's own options (muonLr=0.02, langevinT=1e-4, ...)", none: 'none' },
  // the schedule
  { flag: 'batch-size', path: 'batchSize', type: 'integer', arg: 'N', help: 'minibatch size', none: 'full batch' },
  { flag: 'steps', path: 'steps', type: 'integer', arg: 'N', help: 'the step budget' },
  { flag: 'eval-every', path: 'evalEvery', type: 'integer', arg: 'K', help: 'evaluate (and run the probes) every K steps' },
  { flag: 'stop-test-acc', path: 'stop.testAcc', type: 'number', arg: 'ACC', help: 'stop once test accuracy ≥ ACC, in (0, 1]', none: 'never' },
  { flag: 'stop-hold', path: 'stop.hold', type: 'integer', arg: 'N', help: 'evaluations in a row that must reach it before stopping' },
  { flag: 'probes', path: 'probes', type: 'list', arg: 'A,B,...', help: 'probes measured at every evaluation', choices: probeNames, none: 'none' },
  { flag: 'seed', path: null, type: 'integer', arg: 'S', help: 'the seed (split, initialization, minibatches)', none: '0' },
  // output
  { flag: 'save-to', path: null, type: 'path', arg: 'DIR', help: 'write the final weights (and train.npy, the split) as .npy' },
  { flag: 'json', path: null, type: 'boolean', help: 'print the trajectory as one JSON object' },
];

/** The node:util parseArgs options of the table, and -h/--help (which main answers before the command runs). */
export function parseOptions(flags: readonly TrainFlag[]): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const f of flags) out[f.flag] = { type: f.type === 'boolean' ? 'boolean' : 'string' };
  return out;
}

const at = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function show(v: unknown, f: TrainFlag): string | undefined {
  if (v === undefined) return undefined;
  if (v === null || (Array.isArray(v) && v.length === 0 && f.type !== 'widths') || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)) return f.none;
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

/** The config of a model kind, or null where that kind does not resolve (not registered, or no defaults of its own). */
function kindDefaults(kind: string): RunConfig | null {
  try { return resolveConfig({ model: { kind } }); } catch { return null; }
}

/**
 * A flag's default as the help shows it, read from the config: `[97]`; `[97; transformer: 113]` where another
 * model kind resolves to a different default; a kind's own field shows that kind's default, or nothing.
 */
export function defaultText(f: TrainFlag): string | undefined {
  if (f.path === null) return f.none;
  if (f.kind) { const cfg = kindDefaults(f.kind); return cfg ? show(at(cfg, f.path), f) : undefined; }
  const base = show(at(DEFAULTS, f.path), f);
  if (f.path === 'model.kind') return base;
  const others = modelKinds().filter((k) => k !== DEFAULTS.model.kind).flatMap((k) => {
    const cfg = kindDefaults(k), v = cfg ? show(at(cfg, f.path!), f) : undefined;
    return v !== undefined && v !== base ? [`${k}: ${v}`] : [];
  });
  return [base, ...others].filter((x) => x !== undefined).join('; ') || undefined;
}

/** The help text: each flag, what it does, its config field, its allowed values and its default, read now. */
export function flagHelp(flags: readonly TrainFlag[]): string {
  const lines: string[] = [];
  for (const f of flags) {
    const head = `  --${f.flag}${f.arg ? ` ${f.arg}` : ''}`;
    const def = defaultText(f);
    // the default stays one token, so that it is never split across lines
    const words = [...`${f.help}${f.path && f.type !== 'path' ? ` (${f.path})` : ''}`.split(' '), ...(def !== undefined ? [`[${def}]`] : [])];
    const body = wrap(words, 74, ' '.repeat(26));
    if (head.length < 26) body[0] = head.padEnd(26) + body[0].trimStart(); else body.unshift(head);
    lines.push(...body);
    if (f.choices) lines.push(...wrap(['one of:', ...f.choices().map((c, i, a) => (i < a.length - 1 ? `${c},` : c))], 72, ' '.repeat(28)));
  }
  lines.push(`${'  -h, --help'.padEnd(26)}this help`);
  return lines.join('\n');
}
