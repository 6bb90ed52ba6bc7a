export type { Prediction } from './prediction.ts';
export { oneSample } from './oneSample.ts';
export { compare } from './compare.ts';
export { trend } from './trend.ts';
export { proportion } from './proportion.ts';
export { bimodal } from './bimodal.ts';
export { supportOnly } from './supportOnly.ts';
export { atSome } from './atSome.ts';
export { worstCase } from './worstCase.ts';
