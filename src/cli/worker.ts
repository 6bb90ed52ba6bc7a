import { ConfigError } from '../engine/errors.ts';
import { settings } from '../engine/settings.ts';
import { num, parse } from './args.ts';

/**
 * `grokcheck worker --queue redis://HOST:PORT [--concurrency N] [--lock-ms MS] [--shutdown-timeout S] [--max-work N]
 * [--max-memory-mb MB]`: trains the runs it pulls from the queue until stopped (Ctrl-C or SIGTERM finish the runs in
 * hand for up to the shutdown timeout; a second Ctrl-C, or SIGKILL, stops at once, and loses nothing either: the
 * job goes back to the queue once its lock expires).
 */
export const help = `grokcheck worker: train the runs pulled from a job queue until stopped (any number of machines).

  --queue URL             the Redis URL of the queue, e.g. redis://127.0.0.1:6379,
                          or rediss://HOST:6380 for TLS (or GROKCHECK_QUEUE)
  --concurrency N         runs trained at once (one per core) [1]
  --lock-ms MS            how long a killed worker holds its run before it is
                          retried elsewhere, ≥ 200 [30000]
  --shutdown-timeout S    on Ctrl-C or SIGTERM, how long the runs in hand may
                          take to finish before they are abandoned (they go
                          back to the queue when their lock expires) [30]
  --max-work N            refuse a run whose parameters × steps exceed N [1e11]
  --max-memory-mb MB      stop a run that uses more memory than this [4096]
  --plugin URL            a module URL each training thread imports first (it
                          registers optimizers, probes, models); repeatable
  -h, --help              this help

Credentials: in the URL, or GROKCHECK_QUEUE_USER / GROKCHECK_QUEUE_PASSWORD (never
printed). TLS (rediss://): the system's CAs, or PEM files named by GROKCHECK_QUEUE_CA,
and a client certificate by GROKCHECK_QUEUE_CERT and GROKCHECK_QUEUE_KEY.
Ctrl-C or SIGTERM finish the runs in hand first (up to --shutdown-timeout); a second
Ctrl-C stops at once. A lost connection to Redis is logged, and retried with backoff.`;

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' }, plugin: { type: 'string', multiple: true },
    'shutdown-timeout': { type: 'string' }, 'max-work': { type: 'string' }, 'max-memory-mb': { type: 'string' },
  });
  const url = values.queue ?? settings().queue;
  if (!url) throw new ConfigError('--queue', undefined, 'is required: the Redis URL of the queue, e.g. --queue redis://127.0.0.1:6379');
  const concurrency = num('concurrency', values.concurrency) ?? 1, lockMs = num('lock-ms', values['lock-ms']) ?? 30_000;
  const shutdownS = num('shutdown-timeout', values['shutdown-timeout']) ?? 30;
  const maxWork = num('max-work', values['max-work']), maxMemoryMb = num('max-memory-mb', values['max-memory-mb']);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigError('--concurrency', concurrency, 'must be an integer ≥ 1 (runs trained at once; one per core)');
  if (!(lockMs >= 200)) throw new ConfigError('--lock-ms', lockMs, 'must be ≥ 200 (how long a killed worker holds its run before it is retried elsewhere)');
  if (!(shutdownS >= 0)) throw new ConfigError('--shutdown-timeout', shutdownS, 'must be ≥ 0 seconds (how long the runs in hand may take to finish on Ctrl-C or SIGTERM)');
  if (maxWork !== undefined && !(maxWork > 0)) throw new ConfigError('--max-work', maxWork, 'must be > 0 (the largest parameters × steps of a run this worker takes, e.g. 1e11)');
  if (maxMemoryMb !== undefined && !(maxMemoryMb >= 64)) throw new ConfigError('--max-memory-mb', maxMemoryMb, 'must be ≥ 64 (the memory one run may use, in MB)');
  const { startWorker, queueConnection } = await import('../runs/queue.ts');
  const { label } = queueConnection(url);
  const say = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
  const worker = startWorker(url, { concurrency, lockMs, maxWork, maxMemoryMb, plugins: values.plugin, log: say });
  let stopping = false;
  const stopped = new Promise<number>((resolve) => {
    const onSignal = (signal: string) => {
      if (stopping) { say(`${signal} again: stopping now; the runs in hand go back to the queue when their lock expires`); process.exit(130); }
      stopping = true;
      say(`${signal}: stopping after the runs in hand (up to ${shutdownS} s; Ctrl-C again to stop now)`);
      void worker.stop(shutdownS * 1000).then((abandoned) => resolve(abandoned ? 1 : 0));
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
  });
  await Promise.race([worker.ready, stopped]);
  if (!stopping) say(`ready on ${label} as ${worker.id} (concurrency ${concurrency})`);
  const code = await stopped;
  say('stopped');
  // exit now: nothing is left to report, and a connection that is still retrying would keep the process alive
  process.exit(code);
}
