// One helper thread of a Team (src/engine/team.ts): the kernels instantiated on the run's shared memory, then a
// loop that sleeps until work is posted, takes chunks of its output while any are left, and sleeps again.
// Plain JavaScript (no TypeScript loader): it starts in milliseconds and imports nothing of the engine.
import { workerData } from 'node:worker_threads';
import { chunk, claim, DONE, FAILED, GEN, HELPED, QUIT, READY, spin } from './team-chunks.mjs';

const { module, memory, control, slot, pack } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
Atomics.store(ctl, READY + slot, 1);
Atomics.notify(ctl, READY + slot);
try {
  for (let seen = 0; ;) {
    spin(ctl, GEN, seen, 10_000); // ~0.05–0.2 ms: the next product of a step usually follows within microseconds
    Atomics.wait(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    if (Atomics.load(ctl, QUIT)) break;
    for (let c = claim(ctl, seen); c >= 0; c = claim(ctl, seen)) { chunk(ctl, c, kernels, pack); Atomics.add(ctl, HELPED, 1); }
  }
} catch (e) {
  // the calling thread sleeps until every chunk is done: wake it, or it would wait for this chunk for ever
  Atomics.store(ctl, FAILED, 1);
  Atomics.notify(ctl, DONE);
  throw e;
}
