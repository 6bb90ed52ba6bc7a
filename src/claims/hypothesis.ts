import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect, test } from 'vitest';
import { reportClaim } from '../report/allure.ts';
import { summaryLine } from '../report/format.ts';
import { recordRow } from '../report/table.ts';
import { type Claim, type ClaimSpec, defineClaim } from './claim.ts';
import { type CheckResult, check } from './check.ts';
import { saveCheckpoints } from './checkpoints.ts';
import type { Status } from './evidence.ts';

/** Claims declared by the hypothesis files imported so far (the CLI's `verify` reads them from here). */
export const registry: Claim[] = [];

/**
 * Declares a claim. Under vitest it also registers the claim's test: train the arms × seeds, reach the
 * verdict, write the report page, and pass when the verdict equals the one recorded in the file. A refuted
 * claim whose file records 'refuted' is a passing test whose report says REFUTED.
 */
export function hypothesis(spec: ClaimSpec): Claim {
  const claim = defineClaim(spec);
  registry.push(claim);
  if (process.env.VITEST) registerTest(claim);
  return claim;
}

function registerTest(claim: Claim): void {
  test(`${claim.id}: ${claim.title}`, async () => {
    const result: CheckResult = await check(claim);
    const v = result.verdict;
    const figures = v.error || !claim.figures ? [] : claim.figures(result.runs, claim.configs);
    const checkpoints = v.error || !claim.checkpoints ? [] : saveCheckpoints(claim, result.runs);
    await reportClaim(claim, v, result.runs, { figures, checkpoints });
    recordRow(v);
    const file = expect.getState().testPath ?? '';
    console.log(`${claim.id} ${claim.title}: ${summaryLine(v)} [${claim.seeds} seeds × ${Object.keys(claim.configs).length} arm(s), ${(v.cpuMs / 1000).toFixed(0)} s of training]`);
    if (v.error) throw new Error(`${claim.id}: the runs failed, no verdict: ${v.error}`);
    if (claim.recorded === v.status || claim.scale === 'full') return; // a recorded verdict belongs to the CI scale
    if (updating()) {
      rerecord(file, v.status);
      console.log(`${claim.id}: recorded verdict updated to '${v.status}' in ${relative(process.cwd(), file)}`);
      return;
    }
    const where = relative(process.cwd(), file);
    if (claim.recorded === null) {
      throw new Error(`${claim.id} has no recorded verdict yet. The evidence says ${v.status.toUpperCase()}:\n  ${summaryLine(v)}\n` +
        `Record it by setting \`recorded: '${v.status}'\` in ${where}, or run \`npx vitest run -u ${where}\`.`);
    }
    throw new Error(`${claim.id}: the evidence changed the verdict: recorded ${claim.recorded.toUpperCase()}, measured ${v.status.toUpperCase()}.\n  ${summaryLine(v)}\n` +
      `If the protocol or engine changed on purpose, say so in the file's deviations and re-record with \`npx vitest run -u ${where}\`.`);
  });
}

/** vitest -u (update snapshots) re-records verdicts too. */
function updating(): boolean {
  const state = (globalThis as { __vitest_worker__?: { config?: { snapshotOptions?: { updateSnapshot?: string } } } }).__vitest_worker__;
  return state?.config?.snapshotOptions?.updateSnapshot === 'all';
}

/** Rewrites the `recorded:` field of a hypothesis file. */
export function rerecord(file: string, status: Status): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/recorded:\s*(null|'[a-z]+')/, `recorded: '${status}'`);
  if (next === text && !text.includes(`recorded: '${status}'`)) throw new Error(`cannot find a 'recorded:' field to update in ${file}`);
  writeFileSync(file, next);
}
