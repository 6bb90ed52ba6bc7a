import { ConfigError } from '../engine/errors.ts';

const HELP = `grokcheck: grokking claims as executable hypotheses.

  grokcheck train [flags]        train one network (grokcheck train --help)
  grokcheck verify [IDS...]      run the hypotheses (all, or the given claim ids) and print verdicts
                                 (--seeds N raises the seeds per arm; --queue redis://HOST:PORT trains
                                 on the workers of a job queue; --scale full uses the papers' sizes)
  grokcheck worker --queue URL   train runs pulled from a job queue (any number of machines)
  grokcheck report [--no-serve]  build the Allure report from the last verification (and serve it)
  grokcheck bench [--json]       time the engine on the standard workloads`;

type Command = (argv: string[]) => Promise<number>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  train: async () => (await import('./train.ts')).trainCommand,
  bench: async () => (await import('./bench.ts')).benchCommand,
  verify: async () => (await import('./verify.ts')).verifyCommand,
  report: async () => (await import('./report.ts')).reportCommand,
  worker: async () => (await import('./worker.ts')).workerCommand,
};

/** Runs a command; returns the exit code (2 for bad input, with a message naming the field). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') { console.log(HELP); return name ? 0 : 2; }
  const load = COMMANDS[name];
  if (!load) { console.error(`grokcheck: unknown command '${name}'\n\n${HELP}`); return 2; }
  try {
    return await (await load())(rest);
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); return 2; }
    throw e;
  }
}
