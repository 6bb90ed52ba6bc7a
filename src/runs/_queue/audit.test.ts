import { describe, expect, test } from 'vitest';
import { run } from '../run.ts';
import type { JobResult } from '../pool.ts';
import { resolveConfig } from '../../train/config.ts';
import type { Trajectory } from '../../train/trajectory.ts';
import { Auditor, auditedContent, firstDifference } from './audit.ts';

const job = (seed: number) => ({ key: `k${seed}`, config: resolveConfig({ task: { p: 11, trainFraction: 0.6 }, model: { hidden: [16] }, steps: 200, evalEvery: 100 }), seed });
const jobs = new Map([0, 1, 2, 3].map((s) => [`k${s}`, job(s)]));
const honest = (seed: number): JobResult => ({ trajectory: run(job(seed).config, seed) });
const tampered = (seed: number): JobResult => {
  const t = run(job(seed).config, seed);
  t.evals[1].trainAcc += 1e-9;
  return { trajectory: t };
};

function auditor(draws: number[]) {
  const delivered: [string, JobResult][] = [], rejected: string[][] = [];
  const a = new Auditor(jobs, { share: 0.5, threads: 1, log: () => {}, deliver: (k, r) => delivered.push([k, r]), onReject: (_w, keys) => rejected.push(keys), draw: () => draws.shift() ?? 1 });
  return { a, delivered, rejected };
}

describe('Auditor', () => {
  test('should hold a worker\'s results until its first one passes, then audit only the sampled ones', async () => {
    // Arrange: draws 0.9 (not audited), 0.1 (< share 0.5: audited)
    const { a, delivered } = auditor([0.9, 0.1]);
    // Act
    a.take('k0', 'w:1', honest(0));
    a.take('k1', 'w:1', honest(1)); // held: the first audit is still running
    const heldWhileFirstRuns = delivered.length;
    await a.done();
    a.take('k2', 'w:1', honest(2));
    a.take('k3', 'w:1', honest(3));
    const beforeSecondAudit = delivered.map(([k]) => k);
    await a.done();
    // Assert
    expect(heldWhileFirstRuns).toBe(0);
    expect(beforeSecondAudit).toEqual(['k0', 'k1', 'k2']);
    expect(delivered.map(([k]) => k)).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(delivered.every(([, r]) => r.error === undefined)).toBe(true);
    expect(a.audited).toBe(2);
  });

  test('should reject a worker whose first result differs: errors for all it sent, this machine\'s trajectory for the audited run', async () => {
    // Arrange
    const { a, delivered, rejected } = auditor([]);
    // Act
    a.take('k0', 'bad:7', tampered(0));
    a.take('k1', 'bad:7', honest(1)); // held, then rejected with the rest
    await a.done();
    a.take('k2', 'bad:7', honest(2)); // after the rejection
    // Assert
    const byKey = new Map(delivered);
    expect(auditedContent(byKey.get('k0')!.trajectory!)).toBe(auditedContent(honest(0).trajectory!));
    expect(byKey.get('k1')!.error).toMatch(/worker bad:7 failed the audit — run k0 re-trained here differs \(evals\[1\]\.trainAcc: .* here, .* from the worker\)/);
    expect(byKey.get('k2')!.error).toMatch(/worker bad:7 failed the audit/);
    expect(rejected).toEqual([['k0', 'k1']]);
  });

  test('should name the results a worker delivered before a later audit failed as suspect', async () => {
    // Arrange: the first audit passes; k1 is delivered unaudited; k2, tampered, is sampled
    const { a, delivered } = auditor([0.9, 0.1]);
    // Act
    a.take('k0', 'w:2', honest(0));
    await a.done();
    a.take('k1', 'w:2', honest(1));
    a.take('k2', 'w:2', tampered(2));
    await a.done();
    // Assert
    expect(delivered.map(([k]) => k)).toEqual(['k0', 'k1', 'k2']);
    expect(delivered[2][1].error).toBeUndefined(); // the audited run holds this machine's own trajectory
    a.take('k3', 'w:2', honest(3));
    expect(delivered.at(-1)![1].error).toMatch(/the 2 it delivered before \(k0, k1\) are suspect/);
  });
});

describe('firstDifference', () => {
  test('should give the path of the first differing value, or null when equal', () => {
    // Act / Assert
    const t = { evals: [{ step: 0, testAcc: 0.5 }], tGrok: null } as unknown as Trajectory;
    expect(firstDifference(t, JSON.parse(JSON.stringify(t)))).toBeNull();
    expect(firstDifference(t, { ...t, evals: [{ step: 0, testAcc: 0.25 }] })).toBe('evals[0].testAcc: 0.5 here, 0.25 from the worker');
    expect(firstDifference(t, { ...t, tGrok: 100 })).toBe('tGrok: null here, 100 from the worker');
  });
});
