/**
 * The one error type for bad input: it names the field, the value given and what is allowed, so a
 * message reads "grokcheck: task.p = 96: must be a prime for op 'div' (e.g. 97)". The CLI turns it
 * into exit code 2.
 */
export class ConfigError extends Error {
  constructor(readonly field: string, readonly value: unknown, readonly allowed: string) {
    super(value === undefined ? `grokcheck: ${field}: ${allowed}` : `grokcheck: ${field} = ${fmt(value)}: ${allowed}`);
    this.name = 'ConfigError';
  }
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length > 8 ? `[${v.slice(0, 8).join(', ')}, …] (length ${v.length})` : JSON.stringify(v);
  return String(typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
}

/** Throws a ConfigError unless `ok`. */
export function check(ok: boolean, field: string, value: unknown, allowed: string): void {
  if (!ok) throw new ConfigError(field, value, allowed);
}

export const isInt = (v: unknown, min = -Infinity): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
