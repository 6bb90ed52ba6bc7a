import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim } from '../claims/claim.ts';
import { auditedContent, firstDifference } from '../runs/_queue/audit.ts';
import { type Executor, runParallel } from '../runs/pool.ts';
import { RunStore, canonicalJson } from '../runs/store.ts';
import { engineVersions, versionDomain } from '../runs/version.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { cellOf } from './format.ts';
import { FULL_SCALE_PATH, atFull, fingerprint, fullScaleRecord, writeEntry } from './fullScale.ts';
import { verifyClaim } from './verifyClaim.ts';

/*
 * An engine change (a faster kernel, a refactor) changes every run's version, so every full-scale ledger entry
 * goes stale although most such changes compute the same numbers. Re-measuring is hours; this audits instead.
 * Training is deterministic and chaotic: any change to the arithmetic a run executes changes its trajectory's bits
 * within a few steps, and a config's code path is the same for all its seeds. So, for an entry whose claim changed
 * only in the engine (its fingerprint, recomputed with the engine versions it was measured with, still matches):
 *   1. the verdict is reached again from the stored runs of that engine (nothing trained) and must equal the entry's;
 *   2. per config the verdict read (tuning grids included), the lowest seed of each way its runs ended (stopped,
 *      at the budget, diverged; grokked or not: the code paths a seed can take) is re-trained with this engine
 *      and must match the stored run bit for bit (auditedContent: everything but wall times);
 * and only then the entry takes this engine's fingerprint (marked restamped: date, runs audited of runs read) and
 * the stored runs are filed under this engine's keys. Anything else leaves the entry stale and says why.
 */

export interface RestampResult { id: string; outcome: 'current' | 'restamped' | 'refused'; message: string }

export async function restamp(declared: Claim, opts: { ledger?: string; store?: RunStore; threads?: number; today?: Date; log?(line: string): void } = {}): Promise<RestampResult> {
  const id = declared.id, path = opts.ledger ?? FULL_SCALE_PATH, log = opts.log ?? (() => {});
  const refused = (why: string): RestampResult => ({ id, outcome: 'refused', message: `${id}: not restamped: ${why}` });
  const rec = fullScaleRecord(declared, path);
  if (!rec) return refused(`no full-scale measurement in the ledger; measure it with grokcheck verify ${id} --scale full`);
  if (rec.current) return { id, outcome: 'current', message: `${id}: current (engine and full-scale regimes unchanged)` };
  const { entry } = rec, old = entry.engine;
  if (!old) return refused(`measured before ledger entries kept their engine versions; re-measure with grokcheck verify ${id} --scale full`);
  let full: Claim;
  try { full = atFull(declared); } catch (e) { return refused(`it no longer builds at full scale (${(e as Error).message})`); }
  if (fingerprint(full, old) !== entry.fingerprint) return refused(`its full-scale regimes or their decision changed, not only the engine; re-measure with grokcheck verify ${id} --scale full`);

  // 1. the verdict again, from the runs of the engine it was measured with (into a scratch store, so nothing is filed under this engine's keys yet)
  const store = opts.store ?? new RunStore(), scratchDir = mkdtempSync(join(tmpdir(), 'grokcheck-restamp-'));
  const read = new Map<string, { config: RunConfig; seed: number; trajectory: Trajectory }>(), missing = new Set<string>(), unrecorded = new Set<string>();
  const replay: Executor = async (jobs, onResult) => jobs.forEach((j, i) => {
    const domain = versionDomain(j.config), version = old[domain];
    const trajectory = version === undefined ? null : store.get(j.config, j.seed, version);
    if (!trajectory) {
      if (version === undefined) unrecorded.add(domain);
      else missing.add(j.key);
      onResult(i, { error: 'not in the run store under the engine it was measured with' });
      return;
    }
    read.set(j.key, { config: j.config, seed: j.seed, trajectory });
    onResult(i, { trajectory });
  });
  try {
    const again = await verifyClaim(full, { executor: replay, store: new RunStore(scratchDir) });
    if (unrecorded.size) return refused(`the entry does not record the engine of its runs of code ${[...unrecorded].join(', ')} (a tuning run's probes); re-measure with grokcheck verify ${id} --scale full`);
    if (missing.size) return refused(`${missing.size} of its runs are not in this run store under the engine it was measured with; re-measure with grokcheck verify ${id} --scale full`);
    if (again.outcome.verdict.error) return refused(`its stored runs gave no verdict (${again.outcome.verdict.error})`);
    const cells = again.outcome.regimes.map((r) => cellOf(r.verdict));
    const diff = firstDifference({ status: entry.status, cells: entry.cells }, { status: again.outcome.verdict.status, cells }, ['recorded', 'now']);
    if (diff) return refused(`its stored runs no longer give the recorded verdict (${diff}): the decision code reads them differently; re-measure`);

    // 2. per config, the lowest seed of each way its runs ended (stopped, at the budget, diverged; grokked or not), re-trained with this engine
    const firstOf = new Map<string, { config: RunConfig; seed: number; trajectory: Trajectory }>();
    for (const r of [...read.values()].sort((a, b) => a.seed - b.seed)) {
      const t = r.trajectory, k = canonicalJson([r.config, t.stopReason, t.diverged !== null, t.tGrok === null]);
      if (!firstOf.has(k)) firstOf.set(k, r);
    }
    const audits = [...firstOf.values()];
    log(`${id}: the stored runs give the recorded verdict; re-training ${audits.length} of its ${read.size} runs (per config, a seed of each way its runs ended) with this engine`);
    const mismatches: string[] = [];
    let done = 0;
    await runParallel(audits.map(({ config, seed }) => ({ config, seed })), {
      threads: opts.threads,
      onResult(i, r) {
        done++;
        const a = audits[i], d = r.error !== undefined ? `failed: ${r.error}` : firstDifference(JSON.parse(auditedContent(a.trajectory)), JSON.parse(auditedContent(r.trajectory)), ['stored', 'with this engine']);
        if (d) mismatches.push(`seed ${a.seed} of a config of ${id}: ${d}`);
        log(`${id}: audited ${done}/${audits.length}${d ? ' (differs)' : ''}`);
      },
    });
    if (mismatches.length) return refused(`this engine computes different runs (${mismatches.length} of ${audits.length} audited differ; first: ${mismatches[0]}); re-measure with grokcheck verify ${id} --scale full`);

    const now = engineVersions([...[full, ...full.regimes].flatMap((r) => Object.values(r.configs)), ...[...read.values()].map((r) => r.config)]);
    for (const r of read.values()) store.put(r.config, r.seed, r.trajectory);
    writeEntry({ ...entry, fingerprint: fingerprint(full), engine: now, restamped: { on: (opts.today ?? new Date()).toISOString().slice(0, 10), audited: audits.length, runs: read.size } }, path);
    return { id, outcome: 'restamped', message: `${id}: restamped: the stored runs give the recorded verdict, and ${audits.length} of its ${read.size} runs (per config, a seed of each way its runs ended) re-trained bit-identical with this engine` };
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
