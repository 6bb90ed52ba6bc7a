import { hostname } from 'node:os';
import { Queue, QueueEvents, UnrecoverableError, Worker, type ConnectionOptions, type Job as QueueJob } from 'bullmq';
import { Redis } from 'ioredis';
import { ConfigError } from '../engine/errors.ts';
import { settings } from '../engine/settings.ts';
import { type Executor, type Job, type JobResult } from './pool.ts';
import { pack, unpack } from './json.ts';
import { runKey } from './store.ts';
import { engineVersion } from './version.ts';
import { Auditor } from './_queue/audit.ts';
import { type QueueConnection, queueConnection } from './_queue/connection.ts';
import { DEFAULT_LIMITS, type JobLimits, LimitedThreads, overLimit } from './_queue/limits.ts';
import { Link } from './_queue/link.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

export { queueConnection, QUEUE_ENV } from './_queue/connection.ts';
export { DEFAULT_LIMITS, type JobLimits } from './_queue/limits.ts';

/**
 * Sweeps on a job queue: BullMQ on Redis. The producer (`grokcheck verify --queue URL`, or GROKCHECK_QUEUE)
 * adds each run not in its run store as a job whose id is the run's key (hash of engine, kernels, config and
 * seed), so a run is queued once however often it is asked for; workers (`grokcheck worker --queue URL`) on
 * any machine train what they pull and return the trajectory with the key they computed and their id; the
 * producer checks that key, re-trains a sample of the results itself (the audit), and stores them, so a run
 * done on the cluster is never redone locally, and vice versa.
 */
export const QUEUE_NAME = 'grokcheck-runs';

export interface RunJobData { key: string; config: RunConfig; seed: number }
/** A worker's answer: the key it computed, its engine version, who it is (host:pid), the trajectory. */
export interface RunJobResult { key: string; engine: string; worker?: string; trajectory: Trajectory }

/** BullMQ connection options from redis://… or rediss://… (a ConfigError naming the flag otherwise). */
export function connectionFrom(url: string, field = '--queue'): ConnectionOptions {
  return queueConnection(url, field).options;
}

/** Job options: infrastructure failures retried (3 attempts), finished jobs kept a week so a restarted producer finds them. */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * 86400 }, removeOnFail: { age: 7 * 86400 } } as const;

/** The producer's options; each default is what `grokcheck verify --queue` uses. */
export interface ProducerOptions {
  /** How often the producer looks the runs it waits for up (events bring results at once; this covers missed ones). [5000] */
  pollMs?: number;
  /** How long the queue may stay unreachable before the producer stops with an error (GROKCHECK_QUEUE_TIMEOUT, in s). [300 000] */
  reconnectTimeoutMs?: number;
  /** Share of the cluster's results re-trained here (GROKCHECK_QUEUE_AUDIT), besides each worker's first. [0.03] */
  auditShare?: number;
  /** Threads that re-train the audited results here. [settings().threads: every core] */
  auditThreads?: number;
  /** Modules the audit threads import first (as the workers' --plugin). */
  plugins?: string[];
  /** Where connection and audit messages go. [stderr] */
  log?(line: string): void;
  /** Where credentials, TLS files and these defaults are read from (QUEUE_ENV, GROKCHECK_QUEUE_TIMEOUT, _AUDIT). [settings().queueEnv] */
  env?: Record<string, string | undefined>;
}

/**
 * The producer's defaults from the queue's variables (settings().queueEnv); a ConfigError names a bad value.
 */
function producerDefaults(env: Record<string, string | undefined>): Required<Pick<ProducerOptions, 'reconnectTimeoutMs' | 'auditShare'>> {
  const t = env.GROKCHECK_QUEUE_TIMEOUT, a = env.GROKCHECK_QUEUE_AUDIT;
  const seconds = t ? Number(t) : 300, share = a ? Number(a) : 0.03;
  if (!(seconds > 0)) throw new ConfigError('GROKCHECK_QUEUE_TIMEOUT', t, 'must be a number of seconds > 0 (how long the queue may stay unreachable)');
  if (!(share >= 0 && share <= 1)) throw new ConfigError('GROKCHECK_QUEUE_AUDIT', a, 'must be a share in [0, 1] of the cluster\'s results to re-train locally (each worker\'s first result always is)');
  return { reconnectTimeoutMs: seconds * 1000, auditShare: share };
}

/**
 * The producer side: an Executor that queues the runs and resolves as their results come back. A run that
 * finished earlier (the producer was interrupted and restarted) is taken from the queue, not re-queued, and
 * one still queued or running is waited for; a run that failed for good reports its error (a later session
 * tries it once more); a result whose key does not match is rejected, and one that fails its audit rejects
 * its worker. If Redis goes away the producer says so and waits for it (re-queueing whatever a restart without
 * persistence lost); after `reconnectTimeoutMs` it stops with an error that says how many runs are safe.
 */
export function queueExecutor(url: string, options: ProducerOptions = {}): Executor {
  const env = options.env ?? settings().queueEnv, conn = queueConnection(url, 'GROKCHECK_QUEUE', env);
  const opts = { pollMs: 5000, log: (line: string) => console.error(`grokcheck queue: ${line}`), ...producerDefaults(env), ...dropUndefined(options) };
  const log = (line: string) => opts.log(conn.redact(line));
  return async (jobs, onResult) => {
    const byKey = new Map<string, Job & { key: string }>(jobs.map((j) => [j.key, j]));
    const pending = new Map<string, number[]>();
    jobs.forEach((j, i) => pending.set(j.key, [...(pending.get(j.key) ?? []), i]));
    const total = pending.size;
    let safe = 0, wake = () => {};
    const client = new Redis(conn.options);
    const link = new Link(client, conn, { log, giveUpMs: opts.reconnectTimeoutMs, giveUp: (downMs, lastError) => new Unreachable(downMs, lastError) });
    /** The give-up error, once the audits in progress (local work) have delivered what they hold. */
    const unreachable = async (e: Unreachable): Promise<Error> => {
      await auditor.done();
      return new Error(conn.redact(`the job queue at ${conn.label} has been unreachable for ${seconds(e.downMs)} s${e.lastError ? ` (${e.lastError})` : ''}: ` +
        `${safe} of the ${total} runs sent to the cluster are safe in the run store, ${total - safe} are not. ` +
        'Re-run the same command to resume: stored runs are not trained again, and runs the cluster finished meanwhile are taken from the queue. ' +
        '(How long to wait: GROKCHECK_QUEUE_TIMEOUT, in seconds.)'));
    };
    const indexes = new Map(pending);
    const deliver = (key: string, r: JobResult) => {
      if (r.error === undefined) safe++;
      for (const i of indexes.get(key) ?? []) onResult(i, r);
      wake();
    };
    const queue = new Queue<RunJobData, RunJobResult>(QUEUE_NAME, { connection: client });
    const auditor = new Auditor(byKey, {
      share: opts.auditShare, deliver, log, plugins: opts.plugins, threads: opts.auditThreads ?? settings().threads,
      // a rejected worker's jobs leave the queue, so that the next session trains them again instead of taking them
      onReject: (_w, keys) => { for (const k of keys) void queue.remove(k).catch(() => {}); },
    });
    const events = new QueueEvents(QUEUE_NAME, { connection: conn.options });
    queue.on('error', () => {}); // the Link reports connection trouble, once per drop
    events.on('error', () => {});
    const receive = (key: string, r: RunJobResult | undefined) => {
      if (!pending.delete(key)) return;
      const { worker, result } = accept(key, r);
      auditor.take(key, worker, result);
    };
    /** Awaited jobs Redis no longer had (a restart without persistence), queued again by `inspect` since the last report. */
    let lost = 0;
    const reportLost = () => {
      if (lost) log(`the queue at ${conn.label} came back without ${lost} of the runs this producer waits for (restarted without persistence?): queued them again`);
      lost = 0;
    };
    /**
     * A job's state, then the job read after it: a job read first and its state second could be read while
     * running and found completed, with no return value yet (a race seen under load). Redis writes a job's
     * return value with its completion, so the job read after a 'completed' state carries it.
     */
    const look = async (key: string) => {
      const state = await queue.getJobState(key);
      const job = state === 'unknown' ? undefined : await queue.getJob(key);
      return { state: job || state === 'unknown' ? state : 'unknown', job };
    };
    /** Looks a job up: settles it if it has finished (completed, or failed for good); queues it if Redis lost it. */
    const inspect = async (key: string): Promise<void> => {
      const { state, job } = await look(key);
      if (state === 'completed') receive(key, job!.returnvalue);
      else if (state === 'failed') {
        if (pending.delete(key)) deliver(key, { error: conn.redact(`run failed on the cluster after ${job!.attemptsMade} attempt(s): ${job!.failedReason}`) });
      } else if (state === 'unknown' && pending.has(key)) {
        const { config, seed } = byKey.get(key)!;
        lost++;
        await queue.add('run', { key, config, seed }, { ...JOB_OPTIONS, jobId: key });
      }
    };
    link.onUp(() => wake()); // look at once: a Redis restarted without persistence has lost the jobs
    try {
      await link.guard(queue.waitUntilReady());
      await link.guard(events.waitUntilReady());
      events.on('completed', ({ jobId }) => { void inspect(jobId).catch(() => {}); });
      events.on('failed', ({ jobId }) => { void inspect(jobId).catch(() => {}); });
      for (const key of [...pending.keys()]) {
        const { state, job: old } = await link.guard(look(key));
        if (state === 'completed') { receive(key, old!.returnvalue); continue; }
        if (state !== 'unknown' && state !== 'failed') continue; // queued or running: wait for it
        await link.guard(old?.remove() ?? Promise.resolve()); // failed in an earlier session: this session tries it once more
        const { config, seed } = byKey.get(key)!;
        await link.guard(queue.add('run', { key, config, seed }, { ...JOB_OPTIONS, jobId: key }));
      }
      while (pending.size) {
        await link.guard(new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, opts.pollMs); }));
        if (!link.up) continue; // commands would wait for the reconnection; the Link's deadline is the bound
        for (const key of [...pending.keys()]) await link.guard(inspect(key));
        reportLost(); // counted where the jobs are queued again, so that a look under way when Redis came back counts too
      }
      reportLost();
      await auditor.done(); // local work: Redis is no longer needed
      if (auditor.audited) log(`audited ${auditor.audited} of the cluster's results by training them here`);
    } catch (e) {
      throw e instanceof Unreachable ? await unreachable(e) : e;
    } finally {
      link.close();
      await auditor.close();
      await closeQuietly(link, [() => events.close(), () => queue.close()], [() => events.disconnect(), () => client.disconnect()]);
    }
  };
}

/** The queue stayed unreachable past the producer's deadline (turned into an error that counts the safe runs). */
class Unreachable extends Error {
  constructor(readonly downMs: number, readonly lastError: string) { super('the job queue is unreachable'); }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);

/**
 * Closes politely while Redis answers, within 2 s; otherwise drops the connections without waiting: a QUIT would
 * wait for Redis, and ioredis never signals the end of a connection dropped while it waits to reconnect.
 */
async function closeQuietly(link: Link, polite: (() => Promise<unknown>)[], rude: (() => unknown)[]): Promise<void> {
  if (link.up) {
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), 2000).unref());
    if (await Promise.race([Promise.all(polite.map((f) => f().catch(() => {}))), timer]) !== 'late') return;
  }
  for (const f of rude) { try { void Promise.resolve(f()).catch(() => {}); } catch { /* already gone */ } }
}

/** Verifies a worker's result: the key it computed from the config and seed it trained must be the one asked for. */
function accept(key: string, r: RunJobResult | undefined): { worker: string; result: JobResult } {
  const worker = typeof r?.worker === 'string' ? r.worker : 'an unnamed worker';
  if (!r || r.key !== key || !Array.isArray(r.trajectory?.evals)) {
    return { worker, result: { error: `result rejected: ${worker} returned key ${r?.key ?? 'none'} for run ${key} (engine ${r?.engine ?? '?'}, here ${engineVersion()})` } };
  }
  return { worker, result: { trajectory: unpack(r.trajectory) } };
}

/** The worker's options; each default is `grokcheck worker`'s. */
export interface WorkerOptions extends Partial<JobLimits> {
  /** Runs trained at once. [1] */
  concurrency?: number;
  /** How long a killed worker holds its run before the job goes back to the queue. [30 000] */
  lockMs?: number;
  plugins?: string[];
  /** What the worker calls itself in its results (the producer's audit names it). [hostname:pid] */
  id?: string;
  log?(line: string): void;
  /** Where credentials and TLS files are read from (QUEUE_ENV). [settings().queueEnv] */
  env?: Record<string, string | undefined>;
}

/** A running worker: ready once connected; `stop` ends it within a deadline. */
export interface QueueWorker {
  readonly id: string;
  ready: Promise<void>;
  /**
   * Stops taking jobs and lets the runs in hand finish for up to `deadlineMs`; then abandons them (their locks
   * expire and the jobs go back to the queue). Resolves with the number abandoned; never waits for a Redis that is gone.
   */
  stop(deadlineMs: number): Promise<number>;
}

/**
 * The worker side: pulls runs and trains each in a long-lived worker thread (one per unit of concurrency), so
 * the event loop stays free to renew the job's lock. A worker whose engine or kernels differ computes a
 * different key and refuses the job (no retry: the versions must be fixed); a job over the worker's limits
 * (parameters × steps, memory) fails at once, naming the limit; an error from training is deterministic (bad
 * config) and fails the job at once; a crashed thread is retried. A worker killed mid-run loses its lock after
 * `lockMs`, and the job goes back to the queue. A finished run whose result Redis lost (a restart without
 * persistence) is kept and returned at once when the producer queues it again, not trained twice.
 */
export function startWorker(url: string, opts: WorkerOptions = {}): QueueWorker {
  const conn = queueConnection(url, '--queue', opts.env);
  const id = opts.id ?? `${hostname()}:${process.pid}`;
  const log = (line: string) => (opts.log ?? (() => {}))(conn.redact(line));
  const lockMs = opts.lockMs ?? 30_000, limits: JobLimits = { ...DEFAULT_LIMITS, ...dropUndefined({ maxWork: opts.maxWork, maxMemoryMb: opts.maxMemoryMb }) };
  const threads = new LimitedThreads(limits, opts.plugins);
  const finished = new Map<string, RunJobResult>(); // the latest results, for a job queued again after Redis lost it
  const client = new Redis(conn.options);
  const link = new Link(client, conn, { log });
  const worker = new Worker<RunJobData, RunJobResult>(QUEUE_NAME, async (job: QueueJob<RunJobData, RunJobResult>) => {
    const { key, config, seed } = job.data;
    const mine = runKey(config, seed);
    if (mine !== key) throw new UnrecoverableError(`key mismatch: this worker computes ${mine} for run ${key}; its engine (${engineVersion()}) or kernels differ from the producer's`);
    const over = overLimit(config, limits);
    if (over) { log(`refused ${key}: ${over}`); throw new UnrecoverableError(over); }
    const kept = finished.get(key);
    if (kept) { log(`resent ${key} seed ${seed} (finished before the queue lost it)`); return kept; }
    log(`start ${key} seed ${seed}`);
    const r = await threads.run({ config, seed });
    if (r.error !== undefined) {
      log(`error ${key}: ${r.error}`);
      throw r.error.startsWith('worker crashed') && !r.limit ? new Error(r.error) : new UnrecoverableError(r.error);
    }
    log(`done ${key} seed ${seed}`);
    const result = { key, engine: engineVersion(), worker: id, trajectory: pack(r.trajectory!) };
    finished.set(key, result);
    if (finished.size > 64) finished.delete(finished.keys().next().value!);
    return result;
  }, { connection: client, concurrency: opts.concurrency ?? 1, lockDuration: lockMs, stalledInterval: Math.max(500, lockMs / 2), maxStalledCount: 3, name: id });
  worker.on('error', () => {}); // the Link reports connection trouble, once per drop
  return {
    id,
    ready: worker.waitUntilReady().then(() => {}),
    async stop(deadlineMs) {
      const t0 = Date.now();
      const closing = worker.close().then(() => 'closed' as const, () => 'closed' as const);
      // done when BullMQ has reported the runs in hand, or at the deadline, or at once when nothing is in hand and Redis is gone
      for (let outcome: string | undefined; !outcome;) {
        outcome = await Promise.race([closing, new Promise<undefined>((r) => setTimeout(r, 100))]);
        if (!outcome && (Date.now() - t0 >= deadlineMs || (!link.up && threads.inHand === 0))) break;
      }
      const abandoned = threads.inHand;
      if (abandoned) log(`shutdown deadline (${(deadlineMs / 1000).toFixed(0)} s) passed: abandoning ${abandoned} run(s) in hand; they go back to the queue when their lock expires`);
      // drop the connection before the threads: an abandoned run must not be reported failed, only lose its lock
      link.close();
      client.disconnect();
      await threads.close({ abandon: true });
      void worker.disconnect().catch(() => {});
      return abandoned;
    },
  };
}

const dropUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export type { QueueConnection };
