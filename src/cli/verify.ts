import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../engine/errors.ts';
import { configure, settings } from '../engine/settings.ts';
import { allureFiles } from '../report/allure.ts';
import { registry } from '../report/hypothesis.ts';
import { fullScaleLedger } from '../report/fullScale.ts';
import { finishReport } from '../report/summary.ts';
import { readTable, tableRow } from '../report/table.ts';
import { verifyClaim } from '../report/verifyClaim.ts';
import { num, parse } from './args.ts';
import type { Executor } from '../runs/pool.ts';
import type { SweepProgress } from '../runs/sweep.ts';
import { progressLine } from './progress.ts';

export const help = `grokcheck verify [IDS...] [flags]: verify claims (all, or the given ids) and print their verdicts.

Trains each claim's runs (through the run store, .grokcheck/runs: finished runs are never trained twice),
reaches its verdict, writes its Allure page and its claims.md row, and compares the verdict with the one
recorded in its file. Exit code 1 if a recorded verdict was not reproduced.

  --seeds N          raise every claim's seeds per arm to N (a verdict may then change: it says so)
  --scale ci|full    ci: sizes that run on 2 cores (default); full: the papers' sizes, for a cluster or
                     a long local run (resumable); their verdicts go to reports/full-scale.json
  --queue URL        train on the workers of a job queue (redis://HOST:PORT or rediss://…)
  --queue-timeout S  with --queue: stop (resumable) after the queue is unreachable this long [300]
  --audit SHARE      with --queue: share of the cluster's results re-trained here and compared
                     bit for bit (each worker's first result always is) [0.03]
  --threads N        worker threads for local runs (default: every core)
  --help             this text`;

export const OPTIONS = {
  seeds: { type: 'string' }, queue: { type: 'string' }, 'queue-timeout': { type: 'string' }, audit: { type: 'string' },
  scale: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean' },
} as const;

const HYPOTHESES = join(process.cwd(), 'hypotheses');

/**
 * Applies the shared flags to the settings profile and imports the chosen hypothesis files; returns their claims,
 * and the job queue's executor when --queue names one.
 */
export async function loadClaims(argv: string[]): Promise<{ claims: typeof registry; executor?: Executor }> {
  const { positionals, values } = parse(argv, OPTIONS, true);
  const timeout = num('queue-timeout', values['queue-timeout']), audit = num('audit', values.audit);
  if (timeout !== undefined && !(timeout > 0)) throw new ConfigError('--queue-timeout', values['queue-timeout'], 'must be a number of seconds > 0');
  if (audit !== undefined && !(audit >= 0 && audit <= 1)) throw new ConfigError('--audit', values.audit, 'must be a share in [0, 1]');
  if ((timeout ?? audit) !== undefined && values.queue === undefined) throw new ConfigError('--queue-timeout / --audit', undefined, 'apply to a job queue: give --queue URL too');
  const executor = values.queue === undefined ? undefined
    : (await import('../runs/queue.ts')).queueExecutor(values.queue, { reconnectTimeoutMs: timeout && timeout * 1000, auditShare: audit });
  if (values.scale !== undefined && values.scale !== 'full' && values.scale !== 'ci') {
    throw new ConfigError('--scale', values.scale, "must be 'ci' (the default: sizes that run on 2 cores) or 'full' (the papers' sizes, for a cluster)");
  }
  const seeds = num('seeds', values.seeds), threads = num('threads', values.threads);
  if (seeds !== undefined && !(Number.isInteger(seeds) && seeds >= 2)) throw new ConfigError('--seeds', values.seeds, "must be an integer ≥ 2 (seeds per arm; raises each claim's own number)");
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new ConfigError('--threads', values.threads, 'must be an integer ≥ 1');
  configure({ queue: values.queue, scale: values.scale as 'ci' | 'full' | undefined, seeds, threads });
  let files: string[];
  try { files = readdirSync(HYPOTHESES).filter((f) => f.endsWith('.spec.ts')).sort(); } catch { throw new ConfigError('hypotheses', HYPOTHESES, 'must be a folder of hypothesis files; run grokcheck from the project root'); }
  const idOf = (f: string) => f.split('-')[0].toUpperCase();
  const wanted = positionals.map((p) => p.toUpperCase());
  const missing = wanted.filter((id) => !files.some((f) => idOf(f) === id));
  if (missing.length) throw new ConfigError('claim ids', missing.join(' '), `have no hypothesis file; known: ${files.map(idOf).join(' ')}`);
  const chosen = wanted.length ? files.filter((f) => wanted.includes(idOf(f))) : files;
  const before = registry.length;
  for (const f of chosen) await import(pathToFileURL(join(HYPOTHESES, f)).href);
  return { claims: registry.slice(before), executor };
}

/** A progress bar per phase of a claim's verification (each tuning step, then the test). */
export function claimProgress(id: string): { update(p: SweepProgress & { phase: string }): void; end(): void } {
  let bar: ReturnType<typeof progressLine> | null = null, phase = '';
  return {
    update(p) {
      if (p.phase !== phase || !bar) { bar?.end(); phase = p.phase; bar = progressLine(p.total, `${id}${phase === 'test' ? '' : ` (${phase})`} `); }
      bar.update(p.done, `runs (${p.cached} from the store)`);
    },
    end: () => bar?.end(),
  };
}

/**
 * `grokcheck verify [IDS...]`: the same verification as `npm test` (verifyClaim, with the Allure page and the
 * claims.md row), with a progress bar per claim.
 */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { claims, executor } = await loadClaims(argv);
  let mismatches = 0;
  const page = allureFiles(settings().allureResults);
  for (const { claim, file } of claims) {
    const progress = claimProgress(claim.id);
    const r = await verifyClaim(claim, { sinks: [fullScaleLedger, tableRow, page], file: file ?? undefined, onProgress: progress.update, executor });
    progress.end();
    const ok = r.status === 'reproduced' || r.status === 'not-enforced';
    if (!ok) mismatches++;
    console.log(ok ? `${claim.id} ${claim.title}: ${r.message.replace(`${claim.id}: `, '')}` : r.message);
  }
  finishReport(settings().allureResults);
  console.log(`\n${readTable() ?? ''}`);
  return mismatches ? 1 : 0;
}
