import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../engine/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A value that node:util parseArgs would take for a flag: -1, -0.5, -.5, -1e-3, -Infinity. */
const NEGATIVE = /^-(\d|\.\d|Infinity$)/;

/**
 * Joins a string option and a following negative number into `--flag=-1`. parseArgs reads a value that starts
 * with '-' as the next flag and rejects `--lr -1` as ambiguous; joined, the value reaches the range check that
 * can say what is wrong with it. Nothing after a `--` terminator is touched.
 */
export function joinNegatives(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.push(...argv.slice(i)); break; }
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2)
      : /^-[A-Za-z]$/.test(a) ? Object.keys(options).find((k) => options[k].short === a[1]) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && i + 1 < argv.length && NEGATIVE.test(argv[i + 1])) {
      out.push(`--${name}=${argv[++i]}`);
    } else out.push(a);
  }
  return out;
}

/** node:util parseArgs, strict, with negative numbers as values and unknown flags reported as a ConfigError naming the flag. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: joinNegatives(argv, options), options, strict: true as const, allowPositionals });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const m = /'(--?[^' ]+)/.exec(msg);
    const known = Object.keys(options).map((o) => `--${o}`).join(' ');
    throw new ConfigError(m ? m[1] : 'arguments', undefined, `${msg}. Known flags: ${known}`);
  }
}

/** A numeric flag value, or a ConfigError naming the flag. */
export function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new ConfigError(`--${flag}`, v, 'must be a number');
  return x;
}

/** Whether the arguments ask for help (-h or --help before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Words joined into lines of at most `width` characters (a longer word gets a line of its own), each indented. */
export function wrap(words: readonly string[], width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) { lines.push(line); line = ''; }
    line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l);
}
