import { ConfigError } from '../engine/errors.ts';
import { wantsHelp, wrap } from './args.ts';

type Command = (argv: string[]) => Promise<number>;
/** What a command module exports: its command and its help (a function where the help reads registries). */
type CommandModule = Record<string, unknown> & { help?: string | (() => string) };

interface CommandEntry {
  /** The usage line and what it does, for the top-level help. */
  usage: string;
  summary: string;
  load: () => Promise<CommandModule>;
  /** The name of the command function the module exports. */
  fn: string;
}

const COMMANDS: Record<string, CommandEntry> = {
  train: { usage: 'grokcheck train [flags]', summary: 'train one network and print its trajectory', load: () => import('./train.ts'), fn: 'trainCommand' },
  verify: {
    usage: 'grokcheck verify [IDS...]',
    summary: 'verify claims (all, or the given ids) and print their verdicts; --seeds N, --queue URL (train on a job ' +
      "queue's workers), --scale full (the papers' sizes)",
    load: () => import('./verify.ts'), fn: 'verifyCommand',
  },
  record: { usage: 'grokcheck record ID...', summary: "verify the given claims and record their verdicts in their files", load: () => import('./record.ts'), fn: 'recordCommand' },
  restamp: { usage: 'grokcheck restamp [IDS...]', summary: 'carry full-scale verdicts across an engine change: re-train a seed per config, bit for bit', load: () => import('./restamp.ts'), fn: 'restampCommand' },
  worker: { usage: 'grokcheck worker --queue URL', summary: 'train runs pulled from a job queue (any number of machines)', load: () => import('./worker.ts'), fn: 'workerCommand' },
  report: { usage: 'grokcheck report [--no-serve]', summary: 'build and serve the Allure report of the last verification', load: () => import('./report.ts'), fn: 'reportCommand' },
  bench: { usage: 'grokcheck bench [--json]', summary: 'time the engine on the standard workloads', load: () => import('./bench.ts'), fn: 'benchCommand' },
};

export const HELP = `grokcheck: grokking claims as executable hypotheses.

${Object.values(COMMANDS).map((c) => wrap(c.summary.split(' '), 64).map((l, i) => `  ${(i ? '' : c.usage).padEnd(31)}${l}`).join('\n')).join('\n')}

  grokcheck help COMMAND         a command's flags (or grokcheck COMMAND --help)`;

/** A command's own help, or its line of the top-level help where its module exports none. */
async function helpOf(name: string): Promise<string> {
  const c = COMMANDS[name];
  const h = (await c.load()).help;
  return typeof h === 'function' ? h() : h ?? `${c.usage}: ${c.summary}`;
}

/** Runs a command; returns the exit code (2 for bad input, with a message naming the field). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) { console.error(HELP); return 2; }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) { console.log(HELP); return 0; }
  const topic = name === 'help' ? rest[0] : name;
  const entry = COMMANDS[topic];
  if (!entry) { console.error(`grokcheck: unknown command '${topic}'\n\n${HELP}`); return 2; }
  try {
    if (name === 'help' || wantsHelp(rest)) { console.log(await helpOf(topic)); return 0; }
    const run = (await entry.load())[entry.fn] as Command;
    return await run(rest);
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); return 2; }
    throw e;
  }
}
