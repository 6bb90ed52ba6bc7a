import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../engine/errors.ts';

/** node:util parseArgs, strict, with unknown flags reported as a ConfigError naming the flag. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true as const, allowPositionals });
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
