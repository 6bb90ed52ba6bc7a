import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';
import { ConfigError } from './errors.ts';

/**
 * How a verification runs, as one profile: read from the environment here and nowhere else (the CLI sets it
 * with `configure`, which vitest's worker processes inherit through the same variables).
 */
export interface Settings {
  /** 'ci': the sizes that run on 2 cores (recorded verdicts apply); 'full': the papers' sizes (GROKCHECK_SCALE=full). */
  scale: 'ci' | 'full';
  /** Raise every claim's seeds per arm to this (GROKCHECK_SEEDS); null keeps each file's own number. */
  seeds: number | null;
  /** Worker threads for local runs (GROKCHECK_THREADS; default every core). */
  threads: number;
  /**
   * Threads that compute one run's large matrix products together (GROKCHECK_STEP_THREADS). Default: every core
   * for a run trained on a process's main thread (`grokcheck train`, bench, a queue worker), 1 inside a pool
   * thread (a sweep already keeps every core busy with one run per thread). Results are bit-identical at any count.
   */
  stepThreads: number;
  /** Multiply-adds below which a product stays on one thread (GROKCHECK_SPLIT_MIN; measured default in src/engine/team.ts). */
  splitMin: number | null;
  /** The job queue's Redis URL (GROKCHECK_QUEUE); null trains on this machine. */
  queue: string | null;
  /** The run store's folder (GROKCHECK_STORE; default .grokcheck/runs). */
  store: string;
  /** Where vitest's Allure reporter writes raw results (GROKCHECK_ALLURE_RESULTS; default reports/allure-results). */
  allureResults: string;
  /** Kernel build: 'auto' (fused multiply-add where the runtime has relaxed SIMD) or 'simd' (GROKCHECK_KERNELS=simd). */
  kernels: 'auto' | 'simd';
  /**
   * The job queue's own variables, passed to src/runs/queue.ts as they are: GROKCHECK_QUEUE_USER / _PASSWORD
   * (credentials kept out of the URL), _CA / _CERT / _KEY (TLS files), _TIMEOUT (seconds the producer waits for an
   * unreachable queue), _AUDIT (share of the cluster's results re-trained here). Validated where they are used.
   */
  queueEnv: Readonly<Record<string, string | undefined>>;
  /** Set (GROKCHECK_NESTED=1) for a vitest run started inside a test: it must not replace the outer run's claims.md snapshot. */
  nested: boolean;
}

const VARS: Record<Exclude<keyof Settings, 'queueEnv' | 'nested'>, string> = {
  scale: 'GROKCHECK_SCALE', seeds: 'GROKCHECK_SEEDS', threads: 'GROKCHECK_THREADS', queue: 'GROKCHECK_QUEUE',
  stepThreads: 'GROKCHECK_STEP_THREADS', splitMin: 'GROKCHECK_SPLIT_MIN',
  store: 'GROKCHECK_STORE', allureResults: 'GROKCHECK_ALLURE_RESULTS', kernels: 'GROKCHECK_KERNELS',
};

const positiveInt = (name: string, v: string | undefined, min: number): number | null => {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(name, v, `must be an integer ≥ ${min}`);
  return n;
};

/** The current settings (the environment, read afresh each call: cheap, and tests may change it). */
export function settings(): Settings {
  const env = process.env;
  const scale = env.GROKCHECK_SCALE ?? 'ci';
  if (scale !== 'ci' && scale !== 'full') throw new ConfigError('GROKCHECK_SCALE', scale, "must be 'ci' (sizes that run on 2 cores) or 'full' (the papers' sizes)");
  return {
    scale,
    seeds: positiveInt('GROKCHECK_SEEDS', env.GROKCHECK_SEEDS, 2),
    threads: positiveInt('GROKCHECK_THREADS', env.GROKCHECK_THREADS, 1) ?? availableParallelism(),
    stepThreads: positiveInt('GROKCHECK_STEP_THREADS', env.GROKCHECK_STEP_THREADS, 1) ?? (isMainThread ? availableParallelism() : 1),
    splitMin: positiveInt('GROKCHECK_SPLIT_MIN', env.GROKCHECK_SPLIT_MIN, 0),
    queue: env.GROKCHECK_QUEUE || null,
    store: env.GROKCHECK_STORE || join(process.cwd(), '.grokcheck', 'runs'),
    allureResults: env.GROKCHECK_ALLURE_RESULTS || join(process.cwd(), 'reports', 'allure-results'),
    kernels: env.GROKCHECK_KERNELS === 'simd' ? 'simd' : 'auto',
    nested: Boolean(env.GROKCHECK_NESTED),
    queueEnv: Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('GROKCHECK_QUEUE_'))),
  };
}

/** Sets part of the profile for this process and the processes it starts (the CLI's flags). */
export function configure(over: Partial<Omit<Settings, 'queueEnv' | 'nested'>>): void {
  for (const [k, v] of Object.entries(over)) {
    const name = VARS[k as keyof typeof VARS];
    if (v === null || v === undefined) delete process.env[name];
    else process.env[name] = String(v);
  }
  settings(); // validate at once
}
