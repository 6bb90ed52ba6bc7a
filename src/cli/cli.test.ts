import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { writeNpy } from '../engine/npy.ts';
import { main } from './main.ts';

/** Runs the CLI in-process, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  vi.spyOn(console, 'log').mockImplementation((...a) => { out += `${a.join(' ')}\n`; });
  vi.spyOn(console, 'error').mockImplementation((...a) => { err += `${a.join(' ')}\n`; });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out, err };
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
    [['--optimizer', 'lion'], "optimizer.name = 'lion': must be one of sgd, adam, adamw"],
    [['--task', 'pow'], "--task = 'pow': must be one of add"],
    [['--stpes', '5'], "--stpes: Unknown option '--stpes'"],
    [['--seed=-1'], "--seed = '-1': must be a non-negative integer"],
    [['--probes', 'sharpness'], "probes = 'sharpness': must name a registered probe: gradNorm, weightNorm, spectrum"],
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

  test('should grok from the command line: p=97, quadratic, AdamW lr 1e-3, wd 1, 600 steps → test acc ≥ 0.9', () => {
    const bin = new URL('../../bin/grokcheck.mjs', import.meta.url).pathname;
    const out = execFileSync(process.execPath, [bin, 'train', '--task', 'add', '--p', '97', '--act', 'quadratic', '--lr', '1e-3', '--wd', '1', '--steps', '600', '--eval-every', '100', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const t = JSON.parse(out);
    expect(t.evals.at(-1).step).toBe(600);
    expect(t.evals.at(-1).testAcc).toBeGreaterThanOrEqual(0.9);
  }, 180_000);
});
