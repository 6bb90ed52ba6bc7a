import type { Redis } from 'ioredis';
import type { QueueConnection } from './connection.ts';

/**
 * Watches one Redis connection and says so when it drops and when it returns (ioredis reconnects by itself, with
 * the backoff of connection.ts). With `giveUpMs`, `failed` rejects once the queue has been unreachable that long,
 * with the error `giveUp` makes: racing every wait against it (`guard`) is what keeps a caller from hanging
 * silently on a command that ioredis holds back until Redis returns.
 */
export class Link {
  up = false;
  private everUp = false;
  private downSince = Date.now();
  private lastError = '';
  private reject!: (e: Error) => void;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly upListeners: (() => void)[] = [];
  readonly failed: Promise<never>;

  constructor(client: Redis, private readonly conn: QueueConnection, private readonly opts: {
    log(line: string): void; giveUpMs?: number; giveUp?(downMs: number, lastError: string): Error;
  }) {
    this.failed = new Promise<never>((_, reject) => { this.reject = reject; });
    this.failed.catch(() => {}); // observed through guard(); unobserved, it must not crash the process
    client.on('ready', () => {
      if (this.up) return;
      if (this.everUp) opts.log(`reconnected to the queue at ${conn.label} after ${this.downSeconds()} s`);
      this.up = true; this.everUp = true;
      for (const f of this.upListeners) f();
    });
    client.on('close', () => {
      if (!this.up) return;
      this.up = false; this.downSince = Date.now();
      opts.log(`lost the connection to the queue at ${conn.label}${this.lastError ? ` (${this.lastError})` : ''}; reconnecting with backoff${this.budget()}`);
    });
    client.on('error', (e: Error) => {
      const first = !this.everUp && !this.lastError;
      this.lastError = conn.redact(e.message);
      if (first) opts.log(`cannot reach the queue at ${conn.label} (${this.lastError}); retrying with backoff${this.budget()}`);
    });
    if (opts.giveUpMs !== undefined) {
      this.timer = setInterval(() => {
        if (!this.up && Date.now() - this.downSince > opts.giveUpMs!) this.reject(opts.giveUp!(Date.now() - this.downSince, this.lastError));
      }, Math.min(250, opts.giveUpMs));
      this.timer.unref();
    }
  }

  /** The promise, or the give-up error if the queue stays unreachable longer than allowed meanwhile. */
  guard<T>(p: Promise<T>): Promise<T> { return Promise.race([p, this.failed]); }

  /** Calls `f` each time the connection comes (back) up. */
  onUp(f: () => void): void { this.upListeners.push(f); }

  close(): void { clearInterval(this.timer); }

  private downSeconds(): string { return ((Date.now() - this.downSince) / 1000).toFixed(1); }
  private budget(): string { return this.opts.giveUpMs !== undefined ? `, giving up after ${(this.opts.giveUpMs / 1000).toFixed(this.opts.giveUpMs < 10_000 ? 1 : 0)} s` : ''; }
}
