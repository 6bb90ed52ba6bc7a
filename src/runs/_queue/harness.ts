import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Test harness for the queue: a real redis-server (Debian's, on 127.0.0.1, without persistence, as a cluster's
 * Redis restarted without a dump would be) and real `grokcheck worker` processes. Every process started here is
 * killed by `stopAll`, so that a failed test leaves nothing running.
 */
export const REDIS = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const started = new Set<ChildProcess>();

/** A TCP port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on `port` and resolves once it accepts connections. */
export function startRedis(port: number, extra: string[] = []): Promise<ChildProcess> {
  const p = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.add(p);
  p.once('exit', () => started.delete(p));
  return new Promise((resolve, reject) => {
    p.stdout!.setEncoding('utf8').on('data', (d: string) => { if (d.includes('Ready to accept connections')) resolve(p); });
    p.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
  });
}

/** Kills a process and resolves once it has exited. */
export function kill(p: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => { p.once('exit', () => resolve()); p.kill(signal); });
}

export interface WorkerProc { proc: ChildProcess; lines: string[]; exited: Promise<number | null> }

/** Starts `grokcheck worker` with the given flags; resolves once it says it is ready. */
export function startWorkerProcess(url: string, flags: string[] = [], env: Record<string, string> = {}): Promise<WorkerProc> {
  const proc = spawn(process.execPath, [join(process.cwd(), 'bin', 'grokcheck.mjs'), 'worker', '--queue', url, ...flags],
    { env: { ...process.env, GROKCHECK_THREADS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(proc);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => { started.delete(proc); r(code); }));
  const w: WorkerProc = { proc, lines: [], exited };
  return new Promise((resolve, reject) => {
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => { w.lines.push(...chunk.split('\n').filter(Boolean)); });
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        w.lines.push(line);
        if (line.includes('ready on')) resolve(w);
      }
    });
    void exited.then((code) => reject(new Error(`worker exited early with code ${code}`)));
  });
}

/** Waits for `cond`, polling every 50 ms, for at most `ms`. */
export async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() - t0 > ms) throw new Error('timed out');
}

/** Kills every process this harness started (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((p) => kill(p)));
}
