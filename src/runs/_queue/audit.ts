import { randomInt } from 'node:crypto';
import { type Job, type JobResult, ThreadPool } from '../pool.ts';
import { canonicalJson } from '../store.ts';
import { pack } from '../json.ts';
import type { Trajectory } from '../../train/trajectory.ts';

/**
 * What must agree bit for bit between two computations of one run: the engine is deterministic, so a worker
 * whose trajectory differs in any of these is broken or dishonest. Wall times differ between any two runs and
 * are left out. NaN, ±Infinity and null stay distinct (../json.ts).
 */
export const auditedContent = (t: Trajectory): string =>
  canonicalJson(pack({ evals: t.evals, tMem: t.tMem, tGrok: t.tGrok, steps: t.steps, diverged: t.diverged, stopReason: t.stopReason }));

/** The first place two values differ, as a path and both values, each named by `as` (for an audit's error message). */
export function firstDifference(a: unknown, b: unknown, as: readonly [string, string] = ['here', 'from the worker'], path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path || 'value'}: ${JSON.stringify(a)} ${as[0]}, ${JSON.stringify(b)} ${as[1]}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], as, Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return null;
}

type Deliver = (key: string, result: JobResult) => void;
interface Held { key: string; result: JobResult }

/**
 * Audit sampling of the results that came from the cluster. A worker's first result in a sweep is re-trained
 * here before any result of that worker is delivered (so nothing of a worker that is wrong from the start is
 * stored); after it passes, each of its results is audited with probability `share` (drawn here, so a worker
 * cannot tell which) and delivered once it passes. A mismatch rejects the worker: every result of it in this
 * sweep, held or still to come, becomes an error naming it, and `onReject` gets its keys (to drop them from the
 * queue); its results delivered before the mismatch are listed in the error.
 */
export class Auditor {
  private readonly state = new Map<string, 'first' | 'trusted' | { rejected: string }>();
  private readonly held = new Map<string, Held[]>();
  private readonly deliveredBy = new Map<string, string[]>();
  private readonly running = new Set<Promise<void>>();
  private pool: ThreadPool | null = null;
  audited = 0;

  constructor(private readonly jobs: ReadonlyMap<string, Job>, private readonly opts: {
    share: number; deliver: Deliver; log(line: string): void; onReject?(worker: string, keys: string[]): void;
    /** Threads for the audits (the producer's cores are idle while it waits for the cluster). */
    threads: number; plugins?: string[]; draw?(): number;
  }) {}

  /** Whether audits are still running (the executor waits for them). */
  get busy(): boolean { return this.running.size > 0; }

  /** Takes a result from `worker`: delivers it now, or after its audit, or turns it into an error. */
  take(key: string, worker: string, result: JobResult): void {
    if (result.error !== undefined) { this.opts.deliver(key, result); return; }
    const s = this.state.get(worker);
    if (typeof s === 'object') { this.opts.deliver(key, { error: s.rejected }); return; }
    if (s === 'first') { this.held.get(worker)!.push({ key, result }); return; }
    if (s === undefined) {
      this.state.set(worker, 'first');
      this.held.set(worker, [{ key, result }]);
      this.audit(key, worker, result.trajectory);
      return;
    }
    const draw = this.opts.draw?.() ?? randomInt(1_000_000) / 1_000_000;
    if (draw < this.opts.share) this.audit(key, worker, result.trajectory);
    else this.deliverFrom(worker, key, result);
  }

  /** Waits for the audits in progress (new ones may start meanwhile), then stops the audit thread. */
  async done(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
    await this.close();
  }

  async close(): Promise<void> { await this.pool?.close(); this.pool = null; }

  private deliverFrom(worker: string, key: string, result: JobResult): void {
    this.deliveredBy.set(worker, [...(this.deliveredBy.get(worker) ?? []), key]);
    this.opts.deliver(key, result);
  }

  private audit(key: string, worker: string, theirs: Trajectory): void {
    this.pool ??= new ThreadPool(this.opts.threads, this.opts.plugins);
    const p = (async () => {
      const mine = await this.pool!.run(this.jobs.get(key)!);
      this.audited++;
      const diff = mine.error !== undefined ? `the run fails here (${mine.error})`
        : auditedContent(mine.trajectory) === auditedContent(theirs) ? null
          : firstDifference(JSON.parse(auditedContent(mine.trajectory)), JSON.parse(auditedContent(theirs))) ?? 'the trajectories differ';
      const s = this.state.get(worker);
      if (diff === null) {
        this.opts.log(`audit passed: run ${key} from worker ${worker} re-trained here, bit-identical`);
        if (s === 'first') {
          this.state.set(worker, 'trusted');
          for (const h of this.held.get(worker)!) this.deliverFrom(worker, h.key, h.result);
          this.held.delete(worker);
        } else if (s === 'trusted') this.deliverFrom(worker, key, { trajectory: theirs });
        else if (typeof s === 'object') this.opts.deliver(key, { error: s.rejected });
        return;
      }
      this.reject(worker, key, diff, mine);
    })();
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private reject(worker: string, key: string, diff: string, mine: JobResult): void {
    const earlier = this.deliveredBy.get(worker) ?? [];
    const message = `result rejected: worker ${worker} failed the audit — run ${key} re-trained here differs (${diff}); ` +
      `all its results in this sweep are rejected${earlier.length ? `, and the ${earlier.length} it delivered before (${earlier.join(', ')}) are suspect: delete those keys from the run store` : ''}`;
    this.opts.log(message);
    const before = this.state.get(worker);
    this.state.set(worker, { rejected: message });
    const rejected = before === 'first' ? this.held.get(worker)!.map((h) => h.key) : [key];
    this.held.delete(worker);
    // the audited run itself was computed here: its own result stands, and the rest are errors
    for (const k of rejected) this.opts.deliver(k, k === key && mine.error === undefined ? mine : { error: message });
    this.opts.onReject?.(worker, rejected);
  }
}
