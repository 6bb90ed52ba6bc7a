import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Claim, defineClaim } from '../claims/claim.ts';
import type { Status } from '../claims/evidence.ts';
import { canonicalJson } from '../runs/store.ts';
import { type EngineVersions, engineVersions, runVersion, sourceHash } from '../runs/version.ts';
import { type RegimeCell, cellOf } from './format.ts';
import type { ClaimOutcome, Sink } from './outcome.ts';

/**
 * The ledger of full-scale measurements (issue 16): `reports/full-scale.json`, committed. CI never trains at full
 * scale, so a claim's full-scale verdict is measured once (`grokcheck verify --scale full`, locally or on the job
 * queue, resumable through the run store) and written here; every CI-scale page and claims.md row then shows it
 * beside the CI verdict, with the date, the compute it took, and whether it still applies. It is a measurement,
 * never a recorded verdict: nothing enforces it, and nothing is written for a scale that was not run.
 */
export interface FullScaleEntry {
  id: string;
  /** The claim's verdict at full scale (its regimes combined by the claim's quantifier). */
  status: Status;
  /** When it was measured (ISO date). */
  measured: string;
  /** Training time summed over every run the full-scale verdict read (single-core seconds). */
  cpuS: number;
  /** A hash of the engine and of every full-scale regime's configs, seeds and decision (predictions, controls, preconditions): a mismatch marks the entry stale. */
  fingerprint: string;
  /** Each regime's verdict at full scale, the source's first. */
  cells: RegimeCell[];
  /** The engine versions the runs were trained with (../runs/version.ts): what `grokcheck restamp` audits a newer engine against. */
  engine?: EngineVersions;
  /** Set when a later engine was audited against these runs (`grokcheck restamp`) and reproduced them bit for bit. */
  restamped?: { on: string; audited: number; runs: number };
}

/** A claim's ledger entry, and whether the engine and the full-scale regimes (runs and decision) are still those it was measured with. */
export interface FullScaleRecord { entry: FullScaleEntry; current: boolean }

export const FULL_SCALE_PATH = join(process.cwd(), 'reports', 'full-scale.json');

export function readLedger(path = FULL_SCALE_PATH): FullScaleEntry[] {
  try { return JSON.parse(readFileSync(path, 'utf8')) as FullScaleEntry[]; } catch { return []; }
}

/** The code that turns runs into a verdict (metrics, predictions, tests, the decision rule, the statistics). */
let decisionCode: string | null = null;
const decisionHash = (): string => (decisionCode ??= sourceHash(['src/claims', 'src/stats']));

/**
 * What a full-scale verdict depends on: the engine code its runs execute (../runs/version.ts), and every full-scale regime's configs, seeds and tuning grids
 * (what was trained) and how it is decided: each prediction's and control's pre-registered protocol, each precondition's
 * name, α, the quantifier, and the decision code itself (a metric's closure is covered only through its file).
 */
export function fingerprint(full: Claim, versions?: EngineVersions): string {
  const regimes = [full, ...full.regimes].map((r) => ({
    name: r.regimeName, configs: r.configs, seeds: r.seeds, ...(r.firstSeed ? { firstSeed: r.firstSeed } : {}),
    tune: r.pendingTuning.map((t) => ({ key: t.key, name: t.name, grid: t.grid, over: t.over ?? null, seeds: t.seeds ?? null, widen: t.widen ?? true, objective: t.objective?.name ?? null })),
    decision: [...r.predictions.map((p) => p.protocol), ...r.controls.map((c) => c.prediction.protocol), ...r.preconditions.map((p) => p.name)],
  }));
  const claim = { alpha: full.alpha, quantifier: full.quantifier, untestable: full.untestable ?? null };
  const engine = [...new Set([full, ...full.regimes].flatMap((r) => Object.values(r.configs).map((c) => runVersion(c, versions))))].sort();
  return createHash('sha256').update(canonicalJson({ engine, decisionCode: decisionHash(), claim, regimes })).digest('hex').slice(0, 16);
}

/** The claim as declared (top-level, untuned) at full scale: built from its spec when declared at CI scale. */
export const atFull = (declared: Claim): Claim => (declared.scale === 'full' ? declared : defineClaim(declared.spec, 'full'));

/** A claim's full-scale record, or null when none was measured; `declared` is the claim as declared, at either scale. */
export function fullScaleRecord(declared: Claim, path = FULL_SCALE_PATH): FullScaleRecord | null {
  const entry = readLedger(path).find((e) => e.id === declared.id);
  if (!entry) return null;
  let now: string | null = null;
  try { now = fingerprint(atFull(declared)); } catch { /* the claim no longer builds at full scale: stale */ }
  return { entry, current: entry.fingerprint === now };
}

/** The training a claim's verification took: runs that several regimes share (a tuning, an arm) count once. */
export function cpuMsOf(o: Pick<ClaimOutcome, 'regimes'>): number {
  if (o.regimes.some((r) => !r.cpuByRun)) return o.regimes.reduce((s, r) => s + r.verdict.cpuMs, 0);
  const all = new Map<string, number>();
  for (const r of o.regimes) for (const [k, ms] of r.cpuByRun!) all.set(k, ms);
  return [...all.values()].reduce((s, ms) => s + ms, 0);
}

/** Writes (or replaces) the entry of a claim verified at full scale; an outcome whose runs failed writes nothing. */
export function recordFullScale(o: ClaimOutcome, path = FULL_SCALE_PATH, today = new Date()): FullScaleEntry | null {
  if (o.claim.scale !== 'full' || o.verdict.error || o.regimes.some((r) => r.verdict.error)) return null;
  const full = atFull(o.declared);
  const entry: FullScaleEntry = {
    id: o.declared.id, status: o.verdict.status, measured: today.toISOString().slice(0, 10),
    cpuS: Math.round(cpuMsOf(o) / 1000),
    fingerprint: fingerprint(o.declared), cells: o.regimes.map((r) => cellOf(r.verdict)),
    engine: engineVersions([full, ...full.regimes, ...o.regimes.map((r) => r.claim)].flatMap((r) => Object.values(r.configs))),
  };
  writeEntry(entry, path);
  return entry;
}

/** Writes (or replaces) a claim's entry, the ledger kept sorted by id. */
export function writeEntry(entry: FullScaleEntry, path = FULL_SCALE_PATH): void {
  mkdirSync(dirname(path), { recursive: true });
  const all = [...readLedger(path).filter((e) => e.id !== entry.id), entry].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  writeFileSync(path, `${JSON.stringify(all, null, 1)}\n`);
}

/** The sink that writes the ledger at full scale (and does nothing at CI scale). Put it before the table's and the page's. */
export const fullScaleLedger: Sink = (o) => { recordFullScale(o); };

/** How a full-scale record reads beside the CI verdict: "full scale, measured 2026-11-24, 62 CPU-min for the claim" (and if stale, so). */
export function fullScaleLabel(r: FullScaleRecord): string {
  const audit = r.entry.restamped ? ` (engine changed ${r.entry.restamped.on}: ${r.entry.restamped.audited} of its ${r.entry.restamped.runs} runs re-trained bit-identical)` : '';
  return `full scale, measured ${r.entry.measured}${audit}, ${Math.round(r.entry.cpuS / 60)} CPU-min for the claim${r.current ? '' : ', stale: the engine or the full-scale regime changed since, re-run with --scale full'}`;
}

/** Whether a cell came from the full-scale ledger (its regime carries the label). */
export const isFullScaleCell = (c: RegimeCell): boolean => c.regime.includes(' [full scale, measured ');

/**
 * The cells a full-scale record adds to a CI-scale row: its regimes, each labelled with the scale and date, leaving
 * out those that are a CI regime unchanged (the same name, verdict and effect).
 */
export function fullScaleCells(r: FullScaleRecord, ciCells: readonly RegimeCell[]): RegimeCell[] {
  const same = (a: RegimeCell, b: RegimeCell) => a.regime === b.regime && a.status === b.status && a.effect === b.effect;
  return r.entry.cells.filter((c) => !ciCells.some((x) => same(x, c))).map((c) => ({ ...c, regime: `${c.regime} [${fullScaleLabel(r)}]` }));
}
