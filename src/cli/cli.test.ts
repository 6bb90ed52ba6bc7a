import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { writeNpy } from '../engine/npy.ts';
import { ACTIVATIONS } from '../models/activations.ts';
import { optimizerNames, registerOptimizer } from '../optim/recipes.ts';
import { OPS } from '../tasks/ops.ts';
import { DEFAULTS, resolveConfig } from '../train/config.ts';
import { joinNegatives } from './args.ts';
import { TRAIN_FLAGS, defaultText, modelKinds, probeNames } from './flags.ts';
import { HELP, main } from './main.ts';
import { progressLine } from './progress.ts';
import { configFromFlags } from './train.ts';

/** Runs the CLI in-process, capturing what it prints (console) and what it writes to stderr directly (progress). */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; progress: string }> {
  let out = '', err = '', progress = '';
  vi.spyOn(console, 'log').mockImplementation((...a) => { out += `${a.join(' ')}\n`; });
  vi.spyOn(console, 'error').mockImplementation((...a) => { err += `${a.join(' ')}\n`; });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { progress += String(s); return true; });
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out, err, progress };
}
afterEach(() => { vi.restoreAllMocks(); });

const tiny = ['--p', '11', '--width', '16', '--steps', '20', '--eval-every', '10'];

describe('grokcheck train: bad input exits 2 naming the field, the value and what is allowed', () => {
  test.each([
    [['--task', 'div', '--p', '96'], "task.p = 96: must be a prime for op 'div'"],
    [['--width', '0'], "--width = '0': must be positive integer widths"],
    [['--hidden', '64,-1'], "--hidden = '64,-1'"],
    [['--train-fraction', '1.5'], 'task.trainFraction = 1.5: must be a number in (0, 1)'],
    [['--train-fraction', '0'], 'task.trainFraction = 0: must be a number in (0, 1)'],
    [['--lr', 'fast'], "--lr = 'fast': must be a number"],
    [['--act', 'swish'], "model.act = 'swish': must be one of relu, quadratic, tanh, gelu, erf, linear"],
    [['--optimizer', 'lion'], "optimizer.name = 'lion': must be one of sgd, adam, adamw, muon, wand"],
    [['--task', 'pow'], "--task = 'pow': must be one of add, sub, mul, div, x2y2, x2xyy2, x3xy, parity"],
    [['--stpes', '5'], "--stpes: Unknown option '--stpes'"],
    [['--seed=-1'], "--seed = '-1': must be a non-negative integer"],
    [['--seed', '-1'], "--seed = '-1': must be a non-negative integer"],
    [['--lr', '-1'], 'optimizer.lr = -1: must be a positive number'],
    [['--lr', '-.5'], 'optimizer.lr = -0.5: must be a positive number'],
    [['--wd', '-1e-3'], 'optimizer.wd = -0.001: must be a number ≥ 0'],
    [['--momentum', '-0.9', '--optimizer', 'sgd'], 'optimizer.momentum = -0.9: must be in [0, 1)'],
    [['--init-scale', '-2'], 'model.initScale = -2: must be a positive number'],
    [['--p', '-5'], 'task.p = -5: must be an integer in [2, 4096]'],
    [['--steps', '-1'], 'steps = -1: must be an integer ≥ 0'],
    [['--warmup', '-1'], 'optimizer.warmup = -1: must be an integer ≥ 0'],
    [['--hidden', '-1,4'], "--hidden = '-1,4': must be positive integer widths"],
    [['--extra', 'muonLr'], "--extra = 'muonLr': must be KEY=VALUE pairs"],
    [['--probes', 'curvature'], "probes = 'curvature': must name a registered probe: gradNorm, weightNorm, spectrum"],
  ])('%j', async (flags, message) => {
    const r = await cli('train', ...tiny, ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('should reject a split .npy of the wrong shape and weights of the wrong shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-'));
    writeNpy(join(dir, 'split.npy'), Int32Array.of(1, 2, 3, 4), [2, 2]);
    const r1 = await cli('train', ...tiny, '--split-from', join(dir, 'split.npy'));
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/split-from = .*must be a 1-D integer .npy/);
    mkdirSync(join(dir, 'w'));
    writeNpy(join(dir, 'w', 'W1.npy'), new Float32Array(22 * 15), [22, 15]);
    writeNpy(join(dir, 'w', 'W2.npy'), new Float32Array(16 * 11), [16, 11]);
    const r2 = await cli('train', ...tiny, '--init-from', join(dir, 'w'));
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('init-from W1.npy shape = [22,15]: must be [22,16]');
    const r3 = await cli('train', ...tiny, '--init-from', join(dir, 'nowhere'));
    expect(r3.err).toMatch(/must contain W1.npy/);
  });
});

describe('grokcheck train', () => {
  test('should print the trajectory as one JSON object with --json', async () => {
    const r = await cli('train', ...tiny, '--probes', 'gradNorm', '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['evals', 'tMem', 'tGrok', 'msPerStep', 'diverged']));
    expect(t.evals[0]).toEqual(expect.objectContaining({ step: 0, trainLoss: expect.any(Number), testAcc: expect.any(Number), gradNorm: expect.any(Number) }));
  });

  test('should restart from saved weights and split exactly (the .npy interop round trip)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-'));
    const first = JSON.parse((await cli('train', ...tiny, '--seed', '4', '--save-to', join(dir, 'a'), '--json')).out);
    // seed 4's final weights and split, continued under another seed, must equal seed 4 trained twice as long
    const again = JSON.parse((await cli('train', ...tiny, '--seed', '9', '--init-from', join(dir, 'a'), '--split-from', join(dir, 'a', 'train.npy'), '--json')).out);
    const twice = JSON.parse((await cli('train', ...tiny, '--seed', '4', '--steps', '40', '--json')).out);
    expect(again.evals[0].trainLoss).toBe(first.evals.at(-1).trainLoss);
    // AdamW's moments restart, so only the starting point is identical; the split is the same set of pairs
    expect(again.evals[0].testAcc).toBe(twice.evals[2].testAcc);
  });

  test('should take a transformer\'s own split back with --split-from alone (its default train fraction is not an error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-'));
    const t = ['--model', 'transformer', '--p', '7', '--d-model', '8', '--heads', '2', '--d-mlp', '16', '--steps', '10', '--eval-every', '10'];
    const first = JSON.parse((await cli('train', ...t, '--seed', '3', '--save-to', join(dir, 'a'), '--json')).out);
    const again = await cli('train', ...t, '--seed', '5', '--init-from', join(dir, 'a'), '--split-from', join(dir, 'a', 'train.npy'), '--json');
    expect(again.err).toBe('');
    expect(JSON.parse(again.out).evals[0].trainLoss).toBe(first.evals.at(-1).trainLoss);
  });

  test('should grok from the command line: p=97, quadratic, AdamW lr 1e-3, wd 1, 600 steps → test acc ≥ 0.9', () => {
    const bin = new URL('../../bin/grokcheck.mjs', import.meta.url).pathname;
    const out = execFileSync(process.execPath, [bin, 'train', '--task', 'add', '--p', '97', '--act', 'quadratic', '--lr', '1e-3', '--wd', '1', '--steps', '600', '--eval-every', '100', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const t = JSON.parse(out);
    expect(t.evals.at(-1).step).toBe(600);
    expect(t.evals.at(-1).testAcc).toBeGreaterThanOrEqual(0.9);
  }, 180_000);
});

describe('grokcheck COMMAND --help', () => {
  const COMMANDS: [string, string[]][] = [
    ['train', ['--lr', '--optimizer', '--p', '--model', '--d-model', '--heads', '--d-mlp', '--layers', '--ln', '--seed', '--json']],
    ['verify', ['--seeds', '--queue', '--scale']],
    ['record', []],
    ['restamp', ['--threads']],
    ['worker', ['--queue', '--concurrency', '--lock-ms', '--plugin']],
    ['report', ['--no-serve', '--results', '--output']],
    ['bench', ['--json', '--only']],
  ];

  test.each(COMMANDS)('should print the help of %s with --help, -h and `help COMMAND`, exit 0 and name its flags', async (name, flags) => {
    // Act
    const runs = [await cli(name, '--help'), await cli(name, '-h'), await cli('help', name)];
    // Assert
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toBe(runs[0].out);
      expect(r.out).toContain(`grokcheck ${name}`);
      for (const f of flags) expect(r.out).toContain(f);
    }
  });

  test('should list every command in the top-level help, which exits 0 when asked for and 2 with no command', async () => {
    for (const name of COMMANDS.map((c) => c[0])) expect(HELP).toContain(`grokcheck ${name}`);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('help')).code).toBe(0);
    expect((await cli()).code).toBe(2);
    expect((await cli('frobnicate', '--help')).code).toBe(2);
  });

  test('should take --help after other flags, but not after a -- terminator', async () => {
    expect((await cli('worker', '--concurrency', '2', '--help')).code).toBe(0);
    expect((await cli('train', '--', '--help')).err).toContain('Unexpected argument');
  });
});

describe('grokcheck train --help: derived from the flag table, the config and the registries', () => {
  const helpText = async () => (await cli('train', '--help')).out;
  /** A flag's entry: its line and the lines continuing it (indented 26), without the allowed values. */
  const lineOf = (text: string, flag: string) => {
    const lines = text.split('\n'), i = lines.findIndex((l) => l.startsWith(`  ${flag} `) || l.trimEnd() === `  ${flag}`);
    let j = i + 1;
    while (j < lines.length && /^ {26}\S/.test(lines[j])) j++;
    return i < 0 ? '' : lines.slice(i, j).map((l) => l.trim()).join(' ');
  };
  /** The allowed values listed under a flag (lines indented 28, after its entry). */
  const choicesOf = (text: string, flag: string) => {
    const lines = text.split('\n');
    let j = lines.findIndex((l) => l.startsWith(`  ${flag} `)) + 1;
    while (j < lines.length && /^ {26}\S/.test(lines[j])) j++;
    const out: string[] = [];
    for (; j < lines.length && /^ {28}\S/.test(lines[j]); j++) out.push(lines[j]);
    return out.join(' ').replace('one of:', '').split(',').map((x) => x.trim()).filter(Boolean);
  };

  test('should list every registered optimizer, activation, op and probe', async () => {
    // Arrange
    const text = await helpText();
    // Assert
    expect(optimizerNames()).toEqual(expect.arrayContaining(['sgd', 'adam', 'adamw', 'muon', 'wand']));
    expect(choicesOf(text, '--optimizer')).toEqual(optimizerNames());
    expect(choicesOf(text, '--act')).toEqual(Object.keys(ACTIVATIONS));
    expect(choicesOf(text, '--task')).toEqual([...Object.keys(OPS), 'parity']);
    expect(choicesOf(text, '--probes')).toEqual(probeNames());
    expect(probeNames()).toEqual(expect.arrayContaining(['gradNorm', 'weightNorm', 'spectrum', 'muonUpdate', 'fourier', 'hessian']));
    expect(choicesOf(text, '--model')).toEqual(expect.arrayContaining(['mlp', 'tfjs-mlp']));
  });

  test('should list an optimizer registered after it was written (the help cannot go stale)', async () => {
    // Arrange
    registerOptimizer('sgd-for-the-help-test', () => { throw new Error('never built: only its name is listed'); });
    // Act
    const text = await helpText();
    // Assert
    expect(choicesOf(text, '--optimizer')).toContain('sgd-for-the-help-test');
  });

  test("should show each flag's default as the config resolves it, and its config field", async () => {
    // Arrange
    const text = await helpText();
    // Assert: read from DEFAULTS, not written in the help
    expect(lineOf(text, '--p')).toMatch(new RegExp(`\\(task\\.p\\) \\[${DEFAULTS.task.kind === 'modular' ? DEFAULTS.task.p : ''}[;\\]]`));
    expect(lineOf(text, '--lr')).toContain(`(optimizer.lr) [${DEFAULTS.optimizer.lr}`);
    expect(lineOf(text, '--optimizer')).toContain(`[${DEFAULTS.optimizer.name}`);
    expect(lineOf(text, '--width')).toContain(`[${DEFAULTS.model.hidden.join(',')}`);
    expect(lineOf(text, '--steps')).toContain(`[${DEFAULTS.steps}`);
    expect(lineOf(text, '--batch-size')).toContain('[full batch]');
    for (const f of TRAIN_FLAGS) {
      const def = defaultText(f);
      if (def !== undefined) expect(lineOf(text, `--${f.flag}`), f.flag).toContain(`[${def}]`);
    }
  });

  test("should show a kind's own fields (transformer) with that kind's default where the kind resolves, else none", async () => {
    const text = await helpText();
    for (const flag of ['--d-model', '--heads', '--d-mlp', '--layers', '--ln']) {
      const f = TRAIN_FLAGS.find((t) => `--${t.flag}` === flag)!;
      expect(f.kind).toBe('transformer');
      const def = defaultText(f);
      if (def === undefined) expect(lineOf(text, flag)).not.toContain('[');
      else expect(lineOf(text, flag)).toContain(`[${def}]`);
    }
  });

  test('should cover every flag of the help with the flag table, and parse each into its config field', async () => {
    // Arrange
    const text = await helpText();
    const inHelp = new Set(text.split('\n').flatMap((l) => /^ {2}(?:-h, )?(--[a-z0-9-]+)/.exec(l)?.[1] ?? []));
    const sample: Record<string, string> = { number: '0.5', integer: '3', list: 'gradNorm', widths: '8,8', pairs: 'muonLr=0.02' };
    // Assert
    expect([...inHelp].sort()).toEqual([...TRAIN_FLAGS.map((f) => `--${f.flag}`), '--help'].sort());
    for (const f of TRAIN_FLAGS) {
      if (f.path === null || f.type === 'path') continue;
      const argv = f.type === 'boolean' ? [`--${f.flag}`] : [`--${f.flag}`, f.choices ? f.choices()[0] : sample[f.type] ?? 'x'];
      const { input } = configFromFlags(argv);
      const got = f.path.split('.').reduce<any>((o, k) => o?.[k], input);
      expect(got, f.flag).toBeDefined();
    }
  });
});

test.runIf(modelKinds().includes('transformer'))('should pass the transformer flags to its config', () => {
  // Act
  const { input } = configFromFlags(['--model', 'transformer', '--d-model', '64', '--heads', '4', '--d-mlp', '256', '--layers', '2', '--ln']);
  const cfg = resolveConfig(input);
  // Assert
  expect(cfg.model).toEqual(expect.objectContaining({ kind: 'transformer', dModel: 64, heads: 4, dMlp: 256, layers: 2, ln: true }));
});

describe('negative numbers as flag values', () => {
  const options = { lr: { type: 'string' }, json: { type: 'boolean' }, seed: { type: 'string', short: 's' } } as const;

  test('should join a string option and a negative number, and leave everything else alone', () => {
    expect(joinNegatives(['--lr', '-1', '--json'], options)).toEqual(['--lr=-1', '--json']);
    expect(joinNegatives(['--lr', '-.5', '-s', '-2'], options)).toEqual(['--lr=-.5', '--seed=-2']);
    expect(joinNegatives(['--lr', '-1e-3'], options)).toEqual(['--lr=-1e-3']);
    expect(joinNegatives(['--json', '-1'], options)).toEqual(['--json', '-1']);
    expect(joinNegatives(['--lr', '--json'], options)).toEqual(['--lr', '--json']);
    expect(joinNegatives(['--', '--lr', '-1'], options)).toEqual(['--', '--lr', '-1']);
  });
});

describe('progressLine', () => {
  const fake = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, columns: 200, write: (t: string) => { writes.push(t); return true; } } };
  };

  test('should print one line per 10% when the stream is not a terminal, however many updates', () => {
    // Arrange
    const { writes, stream } = fake(false);
    const bar = progressLine(1000, 'x ', stream);
    // Act
    for (let done = 0; done <= 1000; done += 5) bar.update(done, 'working');
    bar.end('done');
    // Assert: 0%, 10%, …, 100%, then the end line
    expect(writes).toHaveLength(12);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes.slice(0, 11).map((w) => /\] (\d+)\/1000/.exec(w)![1])).toEqual(['0', '100', '200', '300', '400', '500', '600', '700', '800', '900', '1000']);
    expect(writes[11]).toBe('done\n');
  });

  test('should redraw in place on a terminal', () => {
    const { writes, stream } = fake(true);
    const bar = progressLine(10, '', stream);
    for (let done = 0; done <= 10; done++) bar.update(done, '');
    bar.end();
    expect(writes).toHaveLength(12);
    expect(writes.every((w) => w.startsWith('\r') && !w.includes('\n'))).toBe(true);
  });

  test.each([[false], [true]])('should show grokcheck train (updated at every evaluation) as eleven lines in a log (isTTY %s)', async (isTTY) => {
    // Arrange
    const was = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    try {
      // Act: 101 evaluations
      const r = await cli('train', '--p', '11', '--width', '16', '--steps', '200', '--eval-every', '2');
      // Assert
      expect(r.code).toBe(0);
      const bars = r.progress.split(/[\n\r]/).filter((l) => l.includes('/200 '));
      if (isTTY) {
        expect(bars).toHaveLength(101);
        expect(r.progress.split('\n').filter(Boolean)).toHaveLength(1); // redrawn in place: only the summary ends a line
      } else {
        expect(bars).toHaveLength(11);
        expect(r.progress.split('\n').filter(Boolean)).toHaveLength(12);
      }
      expect(r.progress).toContain('done: 200 steps');
    } finally {
      if (was) Object.defineProperty(process.stderr, 'isTTY', was); else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });
});
