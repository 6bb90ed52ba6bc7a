import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defineClaim } from '../claims/claim.ts';
import { cellOf } from './format.ts';
import { fakeOutcome } from './fakeOutcomes.ts';
import { cpuMsOf, fullScaleCells, fullScaleRecord, readLedger, recordFullScale } from './fullScale.ts';
import { renderTable, rowOf } from './table.ts';

const ledgerPath = () => join(mkdtempSync(join(tmpdir(), 'grokcheck-full-')), 'reports', 'full-scale.json');
const DAY = new Date('2026-11-24T12:00:00Z');

describe('the full-scale ledger', () => {
  test('should write a claim verified at full scale, and nothing for one verified at CI scale', () => {
    // Arrange
    const path = ledgerPath();
    const full = fakeOutcome('X1', 'a full-scale claim', 30, 'supported', { scale: 'full' });
    // Act
    const none = recordFullScale(fakeOutcome('X1', 'a CI claim', 30, 'supported'), path, DAY);
    const entry = recordFullScale(full, path, DAY);
    // Assert
    expect(none).toBeNull();
    expect(readLedger(path)).toEqual([entry]);
    expect(entry).toMatchObject({ id: 'X1', status: full.verdict.status, measured: '2026-11-24', cells: [cellOf(full.verdict)] });
    expect(JSON.parse(readFileSync(path, 'utf8'))[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  test('should count a run two regimes share (a tuning, an arm) once in the CPU time it records', () => {
    // Arrange: two regimes, each 2 s of their own runs and 3 s of one they share
    const o = fakeOutcome('X1', 'a full-scale claim', 30, 'supported', { scale: 'full' });
    const regimes = [
      { ...o.regimes[0], cpuByRun: new Map([['a', 2000], ['shared', 3000]]) },
      { ...o.regimes[0], cpuByRun: new Map([['b', 2000], ['shared', 3000]]) },
    ];
    // Act
    const entry = recordFullScale({ ...o, regimes }, ledgerPath(), DAY)!;
    // Assert
    expect(cpuMsOf({ regimes })).toBe(7000);
    expect(entry.cpuS).toBe(7);
  });

  test('should write nothing when the runs failed', () => {
    const path = ledgerPath(), o = fakeOutcome('X1', 'a claim', 30, null, { scale: 'full' });
    expect(recordFullScale({ ...o, verdict: { ...o.verdict, error: 'worker died' } }, path, DAY)).toBeNull();
    expect(readLedger(path)).toEqual([]);
  });

  test('should read as current for the same claim at CI scale, and as stale once its full-scale regime or its predictions changed', () => {
    // Arrange
    const path = ledgerPath();
    recordFullScale(fakeOutcome('X1', 'a claim', 30, 'supported', { scale: 'full' }), path, DAY);
    // Act
    const same = fullScaleRecord(fakeOutcome('X1', 'a claim', 30, 'supported').declared, path);
    const changed = fullScaleRecord(fakeOutcome('X1', 'a claim', 30, 'supported', { steps: 2500 }).declared, path);
    const other = fullScaleRecord(fakeOutcome('X2', 'another claim', 30, 'supported').declared, path);
    const base = fakeOutcome('X1', 'a claim', 30, 'supported').declared;
    const redecided = fullScaleRecord(defineClaim({ ...base.spec, predictions: base.spec.predictions.slice(1) }), path);
    // Assert
    expect(same?.current).toBe(true);
    expect(changed?.current).toBe(false);
    expect(redecided?.current).toBe(false);
    expect(other).toBeNull();
  });

  test('should read as stale once a tuning grid changed', () => {
    // Arrange: the claim tunes its lr; recorded with one grid
    const path = ledgerPath(), spec = fakeOutcome('X1', 'a claim', 30, 'supported').declared.spec;
    const tuned = (grid: number[], scale: 'ci' | 'full') => defineClaim({ ...spec, tune: [{ key: 'lr', name: 'lr', grid, set: (lr: number) => ({ optimizer: { lr } }) }] }, scale);
    recordFullScale({ ...fakeOutcome('X1', 'a claim', 30, 'supported', { scale: 'full' }), declared: tuned([1e-3, 1e-2], 'full') }, path, DAY);
    // Act, Assert
    expect(fullScaleRecord(tuned([1e-3, 1e-2], 'ci'), path)?.current).toBe(true);
    expect(fullScaleRecord(tuned([1e-3, 3e-2], 'ci'), path)?.current).toBe(false);
  });

  test('should add the full-scale cells to the CI row, labelled with scale and date, leaving out a CI regime unchanged', () => {
    // Arrange: a full-scale entry whose one regime refutes, and one that equals the CI regime's cell
    const path = ledgerPath();
    const ci = fakeOutcome('X1', 'a claim', 30, 'supported');
    recordFullScale(fakeOutcome('X1', 'a claim', 1.5, 'supported', { scale: 'full' }), path, DAY);
    const record = fullScaleRecord(ci.declared, path)!;
    // Act
    const row = rowOf(ci.verdict, {}, record);
    const unchanged = fullScaleCells({ ...record, entry: { ...record.entry, cells: [cellOf(ci.verdict)] } }, [cellOf(ci.verdict)]);
    // Assert
    expect(row.cells).toHaveLength(2);
    expect(row.cells![1].regime).toMatch(/\[full scale, measured 2026-11-24, \d+ CPU-min for the claim\]$/);
    expect(row.cells![1].status).toBe(record.entry.status);
    expect(renderTable([row])).toContain('full scale, measured 2026-11-24');
    expect(unchanged).toEqual([]);
  });
});
