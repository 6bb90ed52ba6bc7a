import { describe, expect, test } from 'vitest';
import type { Trajectory } from '../train/trajectory.ts';
import { type ClaimSpec, defineClaim } from './claim.ts';
import { control, preconditions } from './controls.ts';
import type { Status } from './evidence.ts';
import { metrics } from './metrics.ts';
import { oneSample } from './predictions/index.ts';
import { NO_CONTROL, claimVerdict, combineRegimes, verdictOf } from './verdict.ts';

/** A run that memorizes at 10 and groks at `tGrok` (null: never within the budget). */
const run = (tGrok: number | null): Trajectory => ({
  evals: [{ step: 0, trainLoss: 1, trainAcc: 1, testLoss: 1, testAcc: tGrok === null ? 0.1 : 1 }], tMem: 10, tGrok,
  diverged: null, stopReason: 'budget', steps: 100, msPerStep: 1, wallMs: 1,
});
const seeds = (tGrok: number | null) => Array.from({ length: 8 }, (_, i) => run(tGrok === null ? null : tGrok + i));

/** "The delay is ≥ 10×" on arm 'main', with a control on arm 'known' where the delay is known to be large. */
const spec: ClaimSpec = {
  id: 'X1', title: 't', quote: 'q', source: { seed: 's.txt', section: '§' }, topic: 'T', regime: 'r', recorded: null,
  base: { task: { p: 11 }, model: { hidden: [16] }, steps: 20, evalEvery: 10 },
  arms: { main: {}, known: { optimizer: { wd: 0.1 } } },
  predictions: [oneSample({ name: 'delay ≥ 10×', arm: 'main', metric: metrics.delayRatio, greaterThan: 10 })],
  controls: [control({
    name: 'the delay is seen where it is known', expected: { value: 't_grok / t_mem ≈ 100', cite: 'planted' },
    prediction: oneSample({ name: 'known delay ≥ 10×', arm: 'known', metric: metrics.delayRatio, greaterThan: 10 }),
  })],
};

describe('positive controls and preconditions', () => {
  test('should refute when the control passes and the test fails the other way', () => {
    // Arrange: the known arm groks at ~1000 (100×), the main arm at ~30 (3×)
    const claim = defineClaim(spec);
    // Act
    const v = verdictOf(claim, { main: seeds(30), known: seeds(1000) });
    // Assert
    expect(v.controls.map((c) => c.passed)).toEqual([true]);
    expect(v.status).toBe('refuted');
  });

  test('should make the same data inconclusive, naming the control, when the control fails', () => {
    // Arrange: the harness cannot show the known delay (3× where 100× is known)
    const claim = defineClaim(spec);
    // Act
    const v = verdictOf(claim, { main: seeds(30), known: seeds(30) });
    // Assert
    expect(v.status).toBe('inconclusive');
    expect(v.controls[0]).toMatchObject({ passed: false, expected: { cite: 'planted' } });
    expect(v.unmet?.join(' ')).toMatch(/control 'the delay is seen where it is known' failed/);
  });

  test('should make a verdict inconclusive when a precondition does not hold, and say which', () => {
    // Arrange: a claim about grokking whose main arm never grokked
    const claim = defineClaim({ ...spec, controls: [], preconditions: [preconditions.grokked({ arms: ['main'] })] });
    // Act
    const v = verdictOf(claim, { main: seeds(null), known: seeds(1000) });
    // Assert: the censored delays alone would have supported "≥ 10×"
    expect(v.evidence[0].status).toBe('supported');
    expect(v.status).toBe('inconclusive');
    expect(v.preconditions).toEqual([{ name: "75% of the runs grok in 'main'", unmet: "'main' grokked in 0/8 (needs 75%)" }]);
  });

  test('should not refute without a positive control (REFEREE.md), but still support', () => {
    // Arrange: the same claim with no control
    const claim = defineClaim({ ...spec, controls: [] });
    // Act
    const refuting = verdictOf(claim, { main: seeds(30), known: seeds(1000) });
    const supporting = verdictOf(claim, { main: seeds(1000), known: seeds(1000) });
    // Assert
    expect(refuting.evidence[0].status).toBe('refuted');
    expect(refuting.status).toBe('inconclusive');
    expect(refuting.unmet).toEqual([NO_CONTROL]);
    expect(supporting.status).toBe('supported');
  });

  test("should name the control's arm when it is not one of the claim's arms", () => {
    expect(() => defineClaim({ ...spec, arms: { main: {} } })).toThrow(/X1: control 'the delay is seen where it is known' arm.*known.*must be one of the arms: main/);
  });
});

describe('regimes and the quantifier', () => {
  test('should combine regime verdicts by the quantifier', () => {
    const cases: [Status, Status[], 'universal' | 'existential', Status][] = [
      ['supported', ['supported'], 'universal', 'supported'],
      ['supported', ['inconclusive'], 'universal', 'supported'],
      ['supported', ['refuted'], 'universal', 'refuted'],
      ['inconclusive', ['supported'], 'universal', 'inconclusive'],
      ['inconclusive', ['supported'], 'existential', 'supported'],
      ['refuted', ['inconclusive'], 'existential', 'refuted'],
      ['refuted', ['supported'], 'existential', 'supported'],
      ['inconclusive', ['refuted'], 'existential', 'inconclusive'],
    ];
    for (const [source, others, q, want] of cases) expect(combineRegimes(source, others, q), `${source} + ${others} (${q})`).toBe(want);
  });

  test('should resolve each regime as a claim of its own, skipping full-scale-only ones at CI scale', () => {
    // Arrange / Act
    const claim = defineClaim({
      ...spec, regimeName: 'small', regimes: [
        { name: 'large', regime: 'the source\'s size', base: { task: { p: 23 }, steps: 40 }, arms: { main: {}, known: {} }, source: true, controls: [] },
        { name: 'paper', regime: 'as published', base: { task: { p: 97 } }, arms: { main: {}, known: {} }, fullScaleOnly: true },
      ],
    });
    // Assert
    expect(claim.regimeName).toBe('small');
    expect(claim.isSource).toBe(false);
    expect(claim.regimes.map((r) => [r.regimeName, r.isSource, (r.configs.main.task as { p: number }).p, r.controls.length])).toEqual([['large', true, 23, 0]]);
  });

  test("should give the source regime's evidence with the combined status, and 'untestable' when declared", () => {
    // Arrange
    const claim = defineClaim(spec);
    const refuting = verdictOf(claim, { main: seeds(30), known: seeds(1000) });
    const supporting = verdictOf({ ...claim, regimeName: 'other', isSource: false }, { main: seeds(1000), known: seeds(1000) });
    // Act
    const v = claimVerdict({ quantifier: 'existential' }, [refuting, supporting]);
    const u = claimVerdict({ quantifier: 'universal', untestable: 'no outcome could refute it' }, [refuting]);
    // Assert
    expect(v.status).toBe('supported');
    expect(v.evidence).toBe(refuting.evidence);
    expect(v.regimes?.map((r) => r.status)).toEqual(['refuted', 'supported']);
    expect(u).toMatchObject({ status: 'untestable', untestable: 'no outcome could refute it' });
  });
});
