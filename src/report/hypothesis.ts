import { relative } from 'node:path';
import { expect, test } from 'vitest';
import { type Claim, type ClaimSpec, defineClaim } from '../claims/claim.ts';
import { allurePage } from './allure.ts';
import { summaryLine } from './format.ts';
import { fullScaleLedger } from './fullScale.ts';
import { tableRow } from './table.ts';
import { type VerifyResult, verifyClaim } from './verifyClaim.ts';

/** Claims declared by the hypothesis files imported so far, with their files (`grokcheck verify` reads them from here). */
export const registry: { claim: Claim; file: string | null }[] = [];

/**
 * Declares a claim. Under vitest it also registers the claim's test: verifyClaim with the Allure page and the
 * claims.md row as sinks, passing when the measured verdict equals the one recorded in the file (a refuted
 * claim recorded as refuted is a passing test whose report says REFUTED). `vitest -u` re-records verdicts,
 * like `grokcheck record ID`.
 */
export function hypothesis(spec: ClaimSpec): Claim {
  const claim = defineClaim(spec);
  const file = callerFile();
  registry.push({ claim, file });
  if (process.env.VITEST) registerTest(claim, file);
  return claim;
}

/** The hypothesis file that called `hypothesis()` (the stack's first frame outside src/). */
function callerFile(): string | null {
  const frames = (new Error().stack ?? '').split('\n').map((l) => /(file:\/\/[^\s)]+|\/[^\s():]+\.ts)/.exec(l)?.[1]).filter(Boolean) as string[];
  const f = frames.find((p) => !p.includes('/src/') && p.endsWith('.ts'));
  return f ? f.replace(/^file:\/\//, '').replace(/:\d+:\d+$/, '') : null;
}

function registerTest(claim: Claim, file: string | null): void {
  test(`${claim.id}: ${claim.title}`, async () => {
    const path = file ?? expect.getState().testPath ?? undefined;
    const r: VerifyResult = await verifyClaim(claim, { sinks: [fullScaleLedger, allurePage, tableRow], file: path, update: updating() });
    const v = r.outcome.verdict;
    const where = path ? ` (${relative(process.cwd(), path)})` : '';
    console.log(`${claim.id} ${claim.title}: ${summaryLine(v)} [${r.outcome.claim.seeds} seeds × ${Object.keys(r.outcome.claim.configs).length} arm(s), ${(v.cpuMs / 1000).toFixed(0)} s of training]`);
    if (r.status === 'recorded') console.log(`${r.message}${where}`);
    if (r.status === 'failed' || r.status === 'unrecorded' || r.status === 'changed') throw new Error(r.message);
  });
}

/** vitest -u (update snapshots) re-records verdicts too. */
function updating(): boolean {
  const state = (globalThis as { __vitest_worker__?: { config?: { snapshotOptions?: { updateSnapshot?: string } } } }).__vitest_worker__;
  return state?.config?.snapshotOptions?.updateSnapshot === 'all';
}
