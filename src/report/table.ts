import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../claims/verdict.ts';
import { type RegimeCell, cellOf, deciding, effectText, grokRate, pval } from './format.ts';
import { type FullScaleRecord, fullScaleCells, fullScaleRecord, isFullScaleCell } from './fullScale.ts';
import { canonicalJson } from '../runs/store.ts';
import type { ClaimOutcome, Sink } from './outcome.ts';
import { type MapRow, verdictMap } from './verdictMap.ts';

export const REPORTS = join(process.cwd(), 'reports');
const JSON_PATH = join(REPORTS, 'claims.json'), MD_PATH = join(REPORTS, 'claims.md');
export const MAP_PATH = join(REPORTS, 'verdict-map.png');

/** One claim's row. `verdict`, `cells` and `reproduced` feed the verdict map; the rest is claims.md's columns. */
export interface Row {
  id: string; title: string; status: string; effect: string; p: string; n: string; grokked: string; runtime: string; note: string;
  verdict?: string; regime?: string; reproduced?: boolean | null;
  /** The verdict in each regime, the source's first (absent in rows read back from an older claims.md). */
  cells?: RegimeCell[];
  /** When the row was written (ms since the epoch): which claims ran in this run. */
  at?: number;
  /** Short ids of the claim's test runs (config and seed: runIds), to find claims decided on the same runs. */
  runIds?: string[];
  /** "E2 (8 runs), E10 (8 runs)": the other claims that share its runs (shares()); '—' when none. */
  shared?: string;
}

/**
 * The ids of a claim's test runs over all its regimes: a hash of each run's resolved config and seed (the run
 * store's key without the engine version). Two claims with a common id were decided on the same trained run.
 */
export function runIdsOf(o: Pick<ClaimOutcome, 'regimes'>): string[] {
  const ids = o.regimes.flatMap((r) => Object.values(r.claim.configs).flatMap((config) =>
    Array.from({ length: r.claim.seeds }, (_, i) => createHash('sha256').update(canonicalJson({ config, seed: r.claim.firstSeed + i })).digest('hex').slice(0, 16))));
  return [...new Set(ids)];
}

/**
 * Each row's `shared` text from the run ids: the other claims with runs in common, and how many. Rows without ids
 * (read back from a committed claims.md) keep the text they had; rows with ids are compared with each other.
 */
export function shares(rows: readonly Row[]): Row[] {
  const sets = new Map(rows.filter((r) => r.runIds).map((r) => [r.id, new Set(r.runIds)]));
  return rows.map((r) => {
    const own = sets.get(r.id);
    if (!own) return r;
    const measured = [...sets].filter(([id]) => id !== r.id).map(([id, s]) => [id, r.runIds!.filter((k) => s.has(k)).length] as const);
    // a row read back from claims.md has no ids, but its text still names this claim if they shared runs
    const recorded = rows.filter((o) => !o.runIds && o.id !== r.id).map((o) => [o.id, Number(new RegExp(`\\b${r.id} \\((\\d+) run`).exec(o.shared ?? '')?.[1] ?? 0)] as const);
    const common = [...measured, ...recorded].filter(([, k]) => k > 0).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    return { ...r, shared: common.map(([id, k]) => `${id} (${k} run${k === 1 ? '' : 's'})`).join(', ') || '—' };
  });
}

/** The scale a verdict belongs to, added to its regimes' names at full scale. */
export const regimeOf = (scale: 'ci' | 'full'): string => (scale === 'full' ? 'full scale' : 'CI scale');

/** A claim's row; `full`, a full-scale record, adds its regimes' cells after the measured ones. */
export function rowOf(v: Verdict, extra: Pick<Row, 'regime' | 'reproduced'> = {}, full: FullScaleRecord | null = null): Row {
  const e = deciding(v);
  const suffix = extra.regime === 'full scale' ? ' @ full scale' : '';
  const n = Object.entries(v.runs).map(([a, rs]) => `${a} ${rs.length}`).join(', ');
  return {
    id: v.claim.id, title: v.claim.title, status: v.status.toUpperCase(),
    effect: e ? effectText(e) : '—', p: e ? `${pval(e.pAdjusted)} / ${pval(e.pOppositeAdjusted)}` : '—', n: n || '—',
    grokked: Object.entries(v.runs).map(([a, rs]) => `${a} ${grokRate(v, a, rs)}`).join('; ') || '—',
    runtime: `${(v.cpuMs / 1000).toFixed(0)} s CPU`,
    note: v.error ?? (v.untestable ? `untestable: ${v.untestable}` : v.unmet?.length ? `not decidable here: ${v.unmet.join('; ')}` : v.status === 'inconclusive' ? `≈${v.seedsNeeded ?? '>8×'} seeds/arm would decide` : `${v.evidence.length} prediction(s), Holm-adjusted`),
    verdict: v.status, regime: extra.regime ?? 'CI scale', reproduced: extra.reproduced ?? null, at: Date.now(),
    cells: withFullScale((v.regimes ?? [v]).map((r) => cellOf(r, suffix)), full),
  };
}

const withFullScale = (cells: RegimeCell[], full: FullScaleRecord | null): RegimeCell[] => {
  const own = cells.filter((c) => !isFullScaleCell(c));
  return full ? [...own, ...fullScaleCells(full, own)] : own;
};

/**
 * Adds or replaces a claim's row in reports/claims.json and rewrites reports/claims.md and the verdict map from it,
 * with the claim's full-scale record (if any) as further cells. At full scale the claim's CI row stays (its
 * verdict is at the recorded verdicts' scale) and only its full-scale cells are refreshed from the ledger
 * (fullScaleLedger, which runs first, wrote them).
 */
export const tableRow: Sink = (o: ClaimOutcome) => {
  const full = fullScaleRecord(o.declared);
  if (o.claim.scale === 'full') {
    const rows = readRows(), row = rows.find((r) => r.id === o.declared.id);
    if (row?.cells) writeRows(rows.map((r) => (r === row ? { ...r, cells: withFullScale(r.cells!, full) } : r)));
    return;
  }
  recordRow(o.verdict, { regime: regimeOf(o.claim.scale), reproduced: o.ledger.enforced ? o.ledger.reproduced : null }, full, runIdsOf(o));
};

export function recordRow(v: Verdict, extra: Pick<Row, 'regime' | 'reproduced'> = {}, full: FullScaleRecord | null = null, runIds?: string[]): void {
  writeRows([...readRows().filter((r) => r.id !== v.claim.id), { ...rowOf(v, extra, full), ...(runIds ? { runIds } : {}) }]);
}

function writeRows(unsorted: Row[]): void {
  mkdirSync(REPORTS, { recursive: true });
  const rows = shares(unsorted.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })));
  writeFileSync(JSON_PATH, JSON.stringify(rows, null, 1));
  writeFileSync(MD_PATH, renderTable(rows));
  writeFileSync(MAP_PATH, mapOf(rows));
}

/**
 * The rows recorded so far: reports/claims.json, or, in a fresh clone (where only claims.md is committed), the
 * rows of claims.md, so that verifying a few claims keeps the others' rows.
 */
export function readRows(): Row[] {
  try { return JSON.parse(readFileSync(JSON_PATH, 'utf8')) as Row[]; } catch { /* fresh clone */ }
  const md = readTable();
  return md ? [...parseRows(md).values()] : [];
}

/**
 * The verdict map of the recorded rows: the claim's verdict, then a column per regime (the source's first, then
 * the others in the file's order), each cell naming its regime. Rows from an older claims.md have one regime.
 */
export function mapOf(rows: readonly Row[]): Buffer {
  const cellsOf = (r: Row): RegimeCell[] => r.cells ?? [{ regime: r.regime ?? 'CI scale', status: r.verdict ?? r.status.toLowerCase(), effect: r.effect, controls: '' }];
  const k = Math.max(1, ...rows.map((r) => cellsOf(r).length));
  const columns = k === 1 ? ['verdict'] : ['claim verdict', 'source regime', ...Array.from({ length: k - 1 }, (_, i) => `regime ${i + 2}`)];
  const mapRows = rows.map((r): MapRow => {
    const cells = cellsOf(r), status = r.verdict ?? r.status.toLowerCase();
    if (k === 1) return { id: r.id, title: r.title, cells: { verdict: { status, effect: r.effect } } };
    return {
      id: r.id, title: r.title,
      cells: <MapRow['cells']>{
        // the tally counts the regimes the verdict combined: not the full-scale ledger's, shown beside them
        'claim verdict': { status, effect: ((own) => (own.length > 1 ? tally(own) : ''))(cells.filter((c) => !isFullScaleCell(c))) },
        ...Object.fromEntries(cells.map((c, i) => [columns[i + 1], { status: c.status, effect: `${c.regime}: ${c.effect}` }])),
      },
    };
  });
  // no ledger count in the committed figure: it would depend on which run drew it last (the report's front
  // page counts recorded verdicts reproduced from the results' labels instead)
  return verdictMap(mapRows, columns);
}

export function renderTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# grokcheck: verdicts', '',
    '![verdict map: claims × regimes, coloured by verdict, with the deciding effect and its 95% CI](verdict-map.png)', '',
    'Generated by `npm test`. The verdict combines the regimes\' verdicts by the claim\'s quantifier; effect [95% CI] and Holm-adjusted p (support / refutation, each tested against the threshold) of the prediction that decided the source regime\'s verdict; n = seeds per arm; grokked = runs reaching the test-accuracy threshold within the budget, per arm; runtime = training time summed over the runs; regimes = the verdict in each regime, with its positive controls; shared runs = the other claims decided (in part) on the same trained runs (same config and seed): their verdicts are not independent evidence.', '',
    '| id | claim | verdict | effect [CI] | p | n | grokked (Wilson 95% CI) | runtime | note | regimes | shared runs |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${esc(r.title)} | **${r.status}** | ${esc(r.effect)} | ${r.p} | ${esc(r.n)} | ${esc(r.grokked ?? '—')} | ${r.runtime} | ${esc(r.note)} | ${esc(regimesText(r))} | ${esc(r.shared ?? '—')} |`),
    '',
  ].join('\n');
}

/** "1 supported · 1 refuted": the regimes' verdicts counted. */
const tally = (cells: readonly RegimeCell[]): string =>
  [...new Set(cells.map((c) => c.status))].map((st) => `${cells.filter((c) => c.status === st).length} ${st}`).join(' · ');

const regimesText = (r: Row): string => (r.cells ?? []).map((c) => `${c.regime}: ${c.status.toUpperCase()} (${c.controls}) — ${c.effect}`).join('; ') || '—';

/** The rows of a claims.md, by claim id (the inverse of renderTable). */
export function parseRows(md: string): Map<string, Row> {
  const out = new Map<string, Row>();
  const unesc = (s: string) => s.replace(/\\\|/g, '|');
  for (const line of md.split('\n')) {
    if (!/^\| [A-Z][A-Z0-9]*\d+ \|/.test(line)) continue;
    const c = line.slice(2, -2).split(/ (?<!\\)\| /).map(unesc);
    const status = c[2].replace(/\*/g, '');
    const cells = c[9] && c[9] !== '—' ? c[9].split(/; (?=[^;]*: [A-Z]+ \()/).map(parseCell) : undefined;
    out.set(c[0], { id: c[0], title: c[1], status, effect: c[3], p: c[4], n: c[5], grokked: c[6], runtime: c[7], note: c[8], verdict: status.toLowerCase(), regime: 'CI scale', ...(cells ? { cells } : {}), ...(c[10] ? { shared: c[10] } : {}) });
  }
  return out;
}

function parseCell(text: string): RegimeCell {
  const m = /^(.*): ([A-Z]+) \(([^)]*)\) — (.*)$/.exec(text);
  return m ? { regime: m[1], status: m[2].toLowerCase(), controls: m[3], effect: m[4] } : { regime: text, status: 'inconclusive', controls: '', effect: '—' };
}

/**
 * The claims among `ids` whose verdict or deciding effect [95% CI] differs between two claims.md texts, one line
 * each ("D1: verdict REFUTED → SUPPORTED"); runtime columns are ignored, and a claim missing from either is new.
 */
export function changedClaims(before: string, after: string, ids: readonly string[]): string[] {
  const old = parseRows(before), now = parseRows(after);
  return ids.flatMap((id) => {
    const a = old.get(id), b = now.get(id);
    if (!a || !b) return [];
    return [
      ...(a.status !== b.status ? [`${id}: verdict ${a.status} → ${b.status}`] : []),
      ...(a.effect !== b.effect ? [`${id}: effect ${a.effect} → ${b.effect}`] : []),
    ];
  });
}

export function readTable(): string | null {
  try { return readFileSync(MD_PATH, 'utf8'); } catch { return null; }
}
