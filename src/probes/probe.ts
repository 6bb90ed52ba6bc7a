import type { Model } from '../models/model.ts';
import type { Task } from '../tasks/task.ts';

/** What a probe sees at an evaluation: the model after `step` updates, with the gradient at that point. */
export interface ProbeContext {
  readonly model: Model;
  readonly task: Task;
  readonly step: number;
}

/**
 * A probe returns plain numbers at every evaluation. Keys are recorded as `name` for a single value or
 * `name:part` (e.g. gradNorm:W2) for per-layer values. A probe must not change the model's parameters.
 */
export interface Probe {
  readonly name: string;
  measure(ctx: ProbeContext): Record<string, number>;
}
