import type { Task } from '../tasks/task.ts';
import type { MlpConfig, Model, ModelInit, TransformerConfig } from './model.ts';
import { generalTransformer } from './_transformer/general.ts';
import { structuredTransformer } from './_transformer/structured.ts';

export { TRANSFORMER_DEFAULTS, initTransformer, transformerShapes, validateTransformer } from './_transformer/common.ts';
export { generalTransformer, type TransformerModel } from './_transformer/general.ts';
export { structuredTransformer } from './_transformer/structured.ts';

/** A model config known to be a transformer's (RunConfig.model is typed as the MLP's; see TransformerConfig). */
export const asTransformer = (cfg: MlpConfig | TransformerConfig): TransformerConfig => cfg as unknown as TransformerConfig;

/**
 * The grokking transformer (model.kind 'transformer'). Nanda et al.'s model (one layer, no LayerNorm) runs on
 * the structured path, which computes only what the logits at "=" depend on and gives the same numbers to
 * float tolerance (transformer.test.ts checks both against TensorFlow.js and against each other); more
 * layers or pre-LN run on the general path over all three positions.
 */
export function transformer(cfg: MlpConfig, task: Task, lossName: string, init: ModelInit, maxRows: number): Model {
  const t = asTransformer(cfg);
  return t.layers === 1 && !t.ln ? structuredTransformer(t, task, lossName, init, maxRows) : generalTransformer(t, task, lossName, init, maxRows);
}
