import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check } from '../claims/check.ts';
import { registry } from '../claims/hypothesis.ts';
import { ConfigError } from '../engine/errors.ts';
import { summaryLine } from '../report/format.ts';
import { readTable, recordRow } from '../report/table.ts';
import { parse } from './args.ts';
import { progressLine } from './progress.ts';

const HYPOTHESES = join(process.cwd(), 'hypotheses');

/**
 * `grokcheck verify [IDS...] [--seeds N] [--queue URL] [--scale full]`: runs the chosen claims (all by default)
 * with a progress bar and prints their verdicts; with --queue the runs train on the queue's workers.
 */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, { seeds: { type: 'string' }, queue: { type: 'string' }, scale: { type: 'string' } }, true);
  if (values.queue !== undefined) {
    (await import('../cluster/queue.ts')).connectionFrom(values.queue);
    process.env.GROKCHECK_QUEUE = values.queue;
  }
  if (values.scale !== undefined) {
    if (values.scale !== 'full' && values.scale !== 'ci') throw new ConfigError('--scale', values.scale, "must be 'ci' (the default: sizes that run on 2 cores) or 'full' (the papers' sizes, for a cluster)");
    process.env.GROKCHECK_SCALE = values.scale;
  }
  if (values.seeds !== undefined) {
    const n = Number(values.seeds);
    if (!Number.isInteger(n) || n < 2) throw new ConfigError('--seeds', values.seeds, 'must be an integer ≥ 2 (seeds per arm; raises each claim\'s own number)');
    process.env.GROKCHECK_SEEDS = String(n);
  }
  let files: string[];
  try { files = readdirSync(HYPOTHESES).filter((f) => f.endsWith('.spec.ts')).sort(); } catch { throw new ConfigError('hypotheses', HYPOTHESES, 'must be a folder of hypothesis files; run grokcheck from the project root'); }
  const wanted = positionals.map((p) => p.toUpperCase());
  const chosen = wanted.length ? files.filter((f) => wanted.includes(f.split('-')[0].toUpperCase())) : files;
  const missing = wanted.filter((id) => !chosen.some((f) => f.toUpperCase().startsWith(`${id}-`)));
  if (missing.length) throw new ConfigError('claim ids', missing.join(' '), `have no hypothesis file; known: ${files.map((f) => f.split('-')[0]).join(' ')}`);
  for (const f of chosen) await import(pathToFileURL(join(HYPOTHESES, f)).href);
  let mismatches = 0;
  for (const claim of registry) {
    const bar = progressLine(claim.seeds * Object.keys(claim.configs).length, `${claim.id} `);
    const { verdict } = await check(claim, { onProgress: (p) => bar.update(p.done, `runs (${p.cached} from the store)`) });
    bar.end();
    recordRow(verdict);
    const same = claim.recorded === verdict.status || claim.scale === 'full';
    if (!same) mismatches++;
    console.log(`${claim.id} ${claim.title}: ${summaryLine(verdict)}${same ? '' : `  [recorded: ${claim.recorded ?? 'none'}]`}`);
  }
  console.log(`\n${readTable() ?? ''}`);
  return mismatches ? 1 : 0;
}
