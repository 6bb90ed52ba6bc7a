import type { RunConfig, RunConfigInput } from '../train/config.ts';
import { flatten } from './claim.ts';

/** Where one resolved config value came from, per arm. */
export interface ProvenanceRow {
  path: string;
  /** The value in each arm (JSON). */
  values: Record<string, string>;
  /** Whether the arms differ here. */
  differs: boolean;
  /** Per arm: set by the hypothesis file, or left to grokcheck's default (src/train/config.ts). */
  source: Record<string, 'file' | 'default'>;
  /** The citation the file gives for this value (the longest matching path prefix in its `cite`), if any. */
  cite?: string;
}

/**
 * Every resolved config value of every arm, marked as set by the file (base or arm) or left to a default,
 * with the file's citation for it. Open maps (masks, optimizer extras) are listed entry by entry.
 */
export function provenance(inputs: Record<string, RunConfigInput>, configs: Record<string, RunConfig>, cite: Record<string, string> = {}): ProvenanceRow[] {
  const arms = Object.keys(configs);
  const resolved = Object.fromEntries(arms.map((a) => [a, flatten(configs[a])]));
  const given = Object.fromEntries(arms.map((a) => [a, new Set(Object.keys(flatten(inputs[a])))]));
  const paths = [...new Set(arms.flatMap((a) => Object.keys(resolved[a])))].filter((p) => p !== '');
  const prefixes = Object.keys(cite).sort((x, y) => y.length - x.length);
  return paths.map((path) => {
    const values = Object.fromEntries(arms.map((a) => [a, JSON.stringify(resolved[a][path] ?? null)]));
    const key = prefixes.find((k) => path === k || path.startsWith(`${k}.`));
    return {
      path, values, differs: new Set(Object.values(values)).size > 1,
      source: Object.fromEntries(arms.map((a) => [a, given[a].has(path) ? 'file' : 'default'])),
      ...(key ? { cite: cite[key] } : {}),
    };
  });
}

/** The provenance as a markdown table: one column per arm, differing values in bold, defaults in italics. */
export function provenanceTable(rows: readonly ProvenanceRow[]): string {
  const arms = rows.length ? Object.keys(rows[0].values) : [];
  const cell = (r: ProvenanceRow, a: string) => {
    const v = `\`${r.values[a].replace(/\|/g, '\\|')}\``;
    return r.differs ? `**${v}**` : r.source[a] === 'default' ? `_${v}_` : v;
  };
  const from = (r: ProvenanceRow) => {
    const s = new Set(Object.values(r.source));
    const who = s.size > 1 ? 'file (some arms), default (others)' : s.has('file') ? 'file' : 'default';
    return r.cite ? `${who} — ${r.cite}` : who;
  };
  return [
    `| config | ${arms.join(' | ')} | set by |`, `|---|${arms.map(() => '---|').join('')}---|`,
    ...rows.map((r) => `| ${r.path}${r.differs ? ' ◆' : ''} | ${arms.map((a) => cell(r, a)).join(' | ')} | ${from(r)} |`),
  ].join('\n');
}

/** Config paths that change the effective step size: arms differing here compare step sizes as much as methods. */
export const STEP_SIZE_PATHS = ['optimizer.name', 'optimizer.lr', 'optimizer.extra.muonLr', 'optimizer.warmup', 'optimizer.momentum', 'optimizer.beta1', 'optimizer.beta2', 'batchSize'];

/**
 * The fair-baseline warning: when arms differ in effective step size and nothing was tuned per arm, a
 * difference between them may come from the step size alone. Null when they do not, or when tuned.
 */
export function stepSizeWarning(rows: readonly ProvenanceRow[], tuned: boolean, untunedBecause?: string): string | null {
  const differ = rows.filter((r) => r.differs && STEP_SIZE_PATHS.includes(r.path)).map((r) => r.path);
  if (differ.length === 0 || tuned) return null;
  const what = `The arms differ in effective step size (${differ.join(', ')}) and no learning rate was tuned per arm`;
  return untunedBecause ? `${what}; the file says why: ${untunedBecause}` : `${what}: a difference between them may come from the step size alone (see \`tune\`).`;
}
