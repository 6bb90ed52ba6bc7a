import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Claim, defineClaim } from '../claims/claim.ts';
import { metrics } from '../claims/metrics.ts';
import { compare } from '../claims/predictions/index.ts';
import type { Executor } from '../runs/pool.ts';
import { run } from '../runs/run.ts';
import { RunStore, runKey } from '../runs/store.ts';
import { versionDomain } from '../runs/version.ts';
import { fingerprint, fullScaleRecord, readLedger, recordFullScale, writeEntry } from './fullScale.ts';
import { restamp } from './restamp.ts';
import { verifyClaim } from './verifyClaim.ts';

const DAY = new Date('2026-11-25T12:00:00Z');
const inProcess: Executor = async (jobs, onResult) => jobs.forEach((j, i) => onResult(i, { trajectory: run(j.config, j.seed) }));

/** A two-arm claim small enough to train in a test, at full scale. */
const tiny = (steps = 60): Claim => defineClaim({
  id: 'X9', title: 'a tiny claim', quote: 'a quote', topic: 'Delay',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #1', paper: 'Power et al. (2022), arXiv 2201.02177' },
  regime: 'A made-up regime for the restamp test.',
  base: { task: { kind: 'modular', op: 'add', p: 11, trainFraction: 0.5 }, model: { hidden: [16] }, steps, evalEvery: 10 },
  full: { base: {}, seeds: 2 },
  arms: { 'wd=1': { optimizer: { wd: 1 } }, 'wd=0.3': { optimizer: { wd: 0.3 } } },
  seeds: 2,
  predictions: [compare({ name: 'weaker decay groks later', arms: ['wd=0.3', 'wd=1'], metric: metrics.final('testAcc'), direction: 'less', effect: 'difference', minEffect: 0, paired: true })],
  recorded: null,
}, 'full');

/**
 * The claim measured into a fresh ledger and store, then made to look measured by an older engine: the entry keeps
 * version 'older' for its runs' domain, and every run is filed under that version's key only.
 */
async function measuredByAnOlderEngine(claim: Claim) {
  const dir = mkdtempSync(join(tmpdir(), 'grokcheck-restamp-test-')), ledger = join(dir, 'full-scale.json'), store = new RunStore(join(dir, 'runs'));
  const r = await verifyClaim(claim, { executor: inProcess, store });
  const entry = recordFullScale(r.outcome, ledger, DAY)!;
  const older = { [versionDomain(Object.values(claim.configs)[0])]: 'older' };
  writeEntry({ ...entry, engine: older, fingerprint: fingerprint(claim, older) }, ledger);
  const runs = Object.values(claim.configs).flatMap((config) => [0, 1].map((seed) => ({ config, seed })));
  for (const { config, seed } of runs) {
    store.put(config, seed, store.get(config, seed)!, 'older');
    rmSync(join(store.dir, `${runKey(config, seed)}.json`));
  }
  return { ledger, store, runs };
}

describe('restamp: carrying a full-scale verdict across an engine change, by audit', () => {
  test('should restamp an entry whose runs this engine reproduces bit for bit, and file its runs under this engine', async () => {
    // Arrange
    const claim = tiny(), { ledger, store, runs } = await measuredByAnOlderEngine(claim);
    expect(fullScaleRecord(claim, ledger)?.current).toBe(false);
    // Act
    const r = await restamp(claim, { ledger, store, threads: 1, today: DAY });
    // Assert: one seed of each of the 2 configs re-trained; the entry current again, marked; every run under this engine
    expect(r.outcome).toBe('restamped');
    expect(fullScaleRecord(claim, ledger)?.current).toBe(true);
    expect(readLedger(ledger)[0].restamped).toEqual({ on: '2026-11-25', audited: 2, runs: 4 });
    for (const { config, seed } of runs) expect(store.get(config, seed)).not.toBeNull();
    expect((await restamp(claim, { ledger, store })).outcome).toBe('current');
  }, 60_000);

  test('should refuse, and leave the entry stale, when an audited run differs from the stored one', async () => {
    // Arrange: the stored seed 0 of one arm (an audited run) differs in one reading the verdict does not use
    const claim = tiny(), { ledger, store, runs } = await measuredByAnOlderEngine(claim);
    const { config } = runs[0], t = store.get(config, 0, 'older')!;
    t.evals[1] = { ...t.evals[1], trainLoss: t.evals[1].trainLoss + 1e-6 };
    store.put(config, 0, t, 'older');
    // Act
    const r = await restamp(claim, { ledger, store, threads: 1 });
    // Assert
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/computes different runs .*evals\[1\]\.trainLoss/);
    expect(fullScaleRecord(claim, ledger)?.current).toBe(false);
    expect(store.get(config, 1)).toBeNull();
  }, 60_000);

  test('should refuse when a run is missing from the store, or when the regime changed and not only the engine', async () => {
    // Arrange
    const claim = tiny(), { ledger, store, runs } = await measuredByAnOlderEngine(claim);
    // Act
    const changed = await restamp(tiny(80), { ledger, store });
    rmSync(join(store.dir, `${runKey(runs[3].config, runs[3].seed, 'older')}.json`));
    const missing = await restamp(claim, { ledger, store });
    // Assert
    expect(changed.message).toMatch(/regimes or their decision changed, not only the engine/);
    expect(missing.message).toMatch(/1 of its runs are not in this run store/);
    expect(fullScaleRecord(claim, ledger)?.current).toBe(false);
  }, 60_000);
});
