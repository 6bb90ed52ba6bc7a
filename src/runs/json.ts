/**
 * JSON that keeps NaN and ±Infinity. Plain JSON writes them as null, so a trajectory read back from the run
 * store or from a queue worker (a diverged run's NaN loss, a −∞ log-density of a bin never visited) would read
 * differently from the same run trained here. They travel as `{ "$num": "NaN" | "Infinity" | "-Infinity" }`.
 */
const tag = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v);
const untag = (_k: string, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1
  && typeof (v as { $num?: unknown }).$num === 'string' ? Number((v as { $num: string }).$num) : v);

export const stringify = (x: unknown): string => JSON.stringify(x, tag);
export const parse = <T>(text: string): T => JSON.parse(text, untag) as T;
/** For a transport that JSON-encodes by itself (BullMQ's job results): tag before, untag after. */
export const pack = <T>(x: T): T => JSON.parse(stringify(x)) as T;
export const unpack = <T>(x: T): T => parse<T>(JSON.stringify(x));
