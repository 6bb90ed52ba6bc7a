import { cloudRows, coordinationNumbers, correlationDegrees, histogram, principalPlane, replay, scatter, shuffleColumns } from '../src/index.ts';
import type { Figure, RunConfig, Trajectory } from '../src/index.ts';

/** A probe value at a given step's evaluation (NaN if none). */
export const valueAt = (t: Trajectory, step: number | null, key: string): number => (step === null ? NaN : t.evals.find((e) => e.step === step)?.[key] ?? NaN);
/** A probe value at the last evaluation of a run that grokked (just after grokking, with the stop rule); NaN otherwise. */
export const valueAtEnd = (t: Trajectory, key: string): number => (t.tGrok === null ? NaN : t.evals.at(-1)![key]);

/**
 * Pictures for E2 and E10, from seed 0's weights at t_mem and at the end of its run (recovered by replay): the
 * weight-correlation degree histogram, the activation cloud's coordination numbers, and the cloud on its
 * first two principal components, each against the shuffled baseline.
 */
export function coordinationFigures(what: 'graph' | 'cloud') {
  return (runs: Record<string, Trajectory[]>, configs: Record<string, RunConfig>): Figure[] => {
    const [arm] = Object.keys(runs), t = runs[arm][0];
    if (t.tMem === null) return [];
    const when = { [t.tMem]: 'at t_mem', [t.steps]: `at the end (step ${t.steps})` };
    const series: Record<string, number[]> = {}, clouds: Record<string, [number, number][]> = {};
    replay(configs[arm], 0, [t.tMem, t.steps], (step, model, task) => {
      const label = when[step];
      if (what === 'graph') {
        const W1 = model.params.find((q) => q.name === 'W1')!, [rows, cols] = W1.shape;
        series[label] = correlationDegrees(W1.data, rows, cols);
        if (step === t.steps) series['shuffled baseline (end)'] = correlationDegrees(shuffleColumns(W1.data, rows, cols, 'coordination:W1'), rows, cols);
      } else {
        const pts = cloudRows(task.labels.length), A = model.hidden(pts, 1), width = A.length / pts.length;
        series[label] = coordinationNumbers(A, pts.length, width);
        if (step === t.steps) series['shuffled baseline (end)'] = coordinationNumbers(shuffleColumns(A, pts.length, width, 'coordination:cloud'), pts.length, width);
        clouds[label] = principalPlane(A, pts.length, width);
      }
    });
    const twelve = { x: 12, label: 'VE: 12' };
    return what === 'graph'
      ? [{ title: 'seed 0: degrees of the W1 weight-correlation graph (|r| ≥ 0.5)', png: histogram('seed 0: degree of each first-layer neuron in the weight-correlation graph', 'degree', series, twelve) }]
      : [
        { title: 'seed 0: coordination numbers of the activation cloud', png: histogram('seed 0: coordination number of each point of the activation cloud (256 inputs)', 'neighbours within 1.1 × nearest distance', series, twelve) },
        { title: 'seed 0: activation cloud, first two principal components', png: scatter('seed 0: first-layer activations of 256 inputs on their first two principal components', clouds) },
      ];
  };
}
