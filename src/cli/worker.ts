import { ConfigError } from '../engine/errors.ts';
import { num, parse } from './args.ts';

/**
 * `grokcheck worker --queue redis://HOST:PORT [--concurrency N] [--lock-ms MS]`: trains the runs it pulls from
 * the queue until stopped (Ctrl-C or SIGTERM finish the runs in hand first; SIGKILL loses nothing either: the
 * job goes back to the queue once its lock expires).
 */
export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' }, plugin: { type: 'string', multiple: true } });
  const url = values.queue ?? process.env.GROKCHECK_QUEUE;
  if (!url) throw new ConfigError('--queue', undefined, 'is required: the Redis URL of the queue, e.g. --queue redis://127.0.0.1:6379');
  const concurrency = num('concurrency', values.concurrency) ?? 1, lockMs = num('lock-ms', values['lock-ms']) ?? 30_000;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigError('--concurrency', concurrency, 'must be an integer ≥ 1 (runs trained at once; one per core)');
  if (!(lockMs >= 200)) throw new ConfigError('--lock-ms', lockMs, 'must be ≥ 200 (how long a killed worker holds its run before it is retried elsewhere)');
  const { startWorker } = await import('../cluster/queue.ts');
  const worker = startWorker(url, { concurrency, lockMs, plugins: values.plugin, log: (line) => console.log(`[worker ${process.pid}] ${line}`) });
  await worker.waitUntilReady();
  console.log(`[worker ${process.pid}] ready on ${url} (concurrency ${concurrency})`);
  await new Promise<void>((resolve) => {
    const stop = () => { console.log(`[worker ${process.pid}] stopping after the runs in hand`); void worker.close().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
