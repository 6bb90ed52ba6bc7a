import type { ClaimOutcome } from './verifyClaim.ts';

export type { ClaimOutcome, Ledger, Sink } from './verifyClaim.ts';

/**
 * The report's status of a claim: the ledger's (the recorded verdict reproduced, or not), never the science's.
 * A refuted claim recorded as refuted passes; a verdict that changed against its record fails.
 */
export function ledgerStatus(o: Pick<ClaimOutcome, 'verdict' | 'ledger'>): { status: 'passed' | 'failed' | 'broken'; message?: string } {
  const { ledger: l, verdict: v } = o;
  if (v.error) return { status: 'broken', message: `the runs failed, no verdict: ${v.error}` };
  if (!l.enforced || l.reproduced) return { status: 'passed' };
  if (l.recorded === null) return { status: 'failed', message: `no recorded verdict yet; the evidence says ${l.measured.toUpperCase()}` };
  return { status: 'failed', message: `the verdict changed against its record: recorded ${l.recorded.toUpperCase()}, measured ${l.measured.toUpperCase()}` };
}
