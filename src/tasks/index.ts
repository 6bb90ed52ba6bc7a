import { ConfigError } from '../engine/errors.ts';
import { mnistTask } from './mnist.ts';
import { modularTask } from './modular.ts';
import { parityTask } from './parity.ts';
import { teacherTask } from './teacher.ts';
import type { Task, TaskConfig } from './task.ts';

export type { Task, TaskConfig, ModularTaskConfig, ParityTaskConfig, TeacherTaskConfig, MnistTaskConfig } from './task.ts';
export { type MnistTask, type MnistPool, mnistDigits, poolImage } from './mnist.ts';
export { type TeacherTask, he1, he3 } from './teacher.ts';
export { OPS, isPrime } from './ops.ts';

/** The task a config describes, split by seed. */
export function buildTask(cfg: TaskConfig, seed: number): Task {
  switch (cfg.kind) {
    case 'modular': return modularTask(cfg, seed);
    case 'parity': return parityTask(cfg, seed);
    case 'teacher': return teacherTask(cfg, seed);
    case 'mnist': return mnistTask(cfg, seed);
    default: throw new ConfigError('task.kind', (cfg as { kind: unknown }).kind, "must be 'modular', 'parity', 'teacher' or 'mnist'");
  }
}
