import { ConfigError } from '../engine/errors.ts';
import { fullScaleRecord } from '../report/fullScale.ts';
import { restamp } from '../report/restamp.ts';
import { loadClaims } from './verify.ts';

export const help = `grokcheck restamp [IDS...] [--threads N]: carry full-scale verdicts across an engine change, by audit.

An engine change (a faster kernel, a refactor) marks every full-scale ledger entry (reports/full-scale.json)
stale, though most such changes compute the same numbers. For each stale entry (all, or the given ids) whose
claim changed only in the engine, this reaches the verdict again from the runs stored under the engine it was
measured with (it must equal the recorded one), then re-trains, per config those runs used, a seed of each way
its runs ended (stopped, at the budget, diverged; grokked or not) with this engine; if every one matches its
stored run bit for bit, the entry is restamped (its page says so) and the
stored runs are filed under this engine. A run that differs, a missing run, or a change to the claim's regimes
or decision leaves the entry stale, with the reason: re-measure it with grokcheck verify ID --scale full.
Needs the run store the entries were measured with (.grokcheck/runs). Exit 1 if any stale entry is left.`;

export async function restampCommand(argv: string[]): Promise<number> {
  for (const flag of ['--seeds', '--queue', '--scale']) {
    if (argv.includes(flag)) throw new ConfigError(flag, argv[argv.indexOf(flag) + 1], 'does not apply: restamp reads the full-scale runs as measured, on this machine (--threads sets its threads)');
  }
  const { claims } = await loadClaims([...argv, '--scale', 'full']);
  let left = 0;
  for (const { claim } of claims) {
    if (!fullScaleRecord(claim)) continue;
    const r = await restamp(claim, { log: (line) => console.error(`  ${line}`) });
    console.log(r.message);
    if (r.outcome === 'refused') left++;
  }
  return left ? 1 : 0;
}
