import { check } from '../engine/errors.ts';
import { aging } from './aging.ts';
import { coordination } from './coordination.ts';
import { gradNorm, weightNorm } from './norms.ts';
import { fourier } from './fourier.ts';
import { hessian, sharpness } from './hessian.ts';
import { oinfo } from './oinfo.ts';
import { rank } from './rank.ts';
import { teacher } from './teacher.ts';
import { muonUpdate } from './muonUpdate.ts';
import { spectrum } from './spectrum.ts';
import type { Probe } from './probe.ts';

export type { Probe, ProbeContext } from './probe.ts';

const PROBES = new Map<string, Probe>([gradNorm, weightNorm, spectrum, muonUpdate, fourier, rank, hessian, oinfo, coordination, teacher, aging, sharpness].map((p) => [p.name, p]));

/** Adds a probe that configs can name in `probes`. */
export function registerProbe(probe: Probe): void {
  PROBES.set(probe.name, probe);
}

export function probe(name: string): Probe {
  const p = PROBES.get(name);
  check(p !== undefined, 'probes', name, `must name a registered probe: ${[...PROBES.keys()].join(', ')}`);
  return p!;
}
