import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as allure from 'allure-js-commons';
import type { Claim, Figure } from '../claims/claim.ts';
import type { Verdict } from '../claims/verdict.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { Checkpoint } from './checkpoints.ts';
import { environment } from './environment.ts';
import type { ClaimOutcome, Sink } from './outcome.ts';
import { type Page, type PageAttachment, type PageStep, claimPage } from './page.ts';

export { toCsv } from './page.ts';

/**
 * The claim's page through allure-js-commons' runtime, for use inside a vitest test (allure-vitest writes the
 * result; the test's own pass or failure is its status, which the ledger decides). The same content as
 * `allureFiles`: both render `claimPage`.
 */
export const allurePage: Sink = async (o: ClaimOutcome) => {
  const page = claimPage(o);
  await allure.displayName(page.name);
  await allure.testCaseId(page.testCaseId);
  await allure.historyId(page.historyId);
  await allure.labels(...page.labels);
  for (const l of page.links) await allure.link(l.url, l.name, l.type);
  await allure.description(page.description);
  for (const [name, value] of page.parameters) await allure.parameter(name, value);
  const walk = async (items: Page['body']): Promise<void> => {
    for (const it of items) {
      if (it.kind === 'step') await allure.step(it.name, () => walk(it.body));
      else await allure.attachment(it.name, it.content, it.type);
    }
  };
  await walk(page.body);
};

/** The page as before the sinks (kept for callers that pass the pieces): the ledger counts as reproduced. */
export async function reportClaim(claim: Claim, v: Verdict, runs: Record<string, Trajectory[]>,
  extras: { figures?: readonly Figure[]; checkpoints?: readonly Checkpoint[] } = {}): Promise<void> {
  await allurePage({
    claim, declared: claim, verdict: v, runs, figures: [...(extras.figures ?? [])], checkpoints: [...(extras.checkpoints ?? [])], regimes: [{ claim, verdict: v, runs }],
    ledger: { recorded: claim.recorded, measured: v.status, reproduced: claim.recorded === v.status, enforced: claim.scale !== 'full' },
  });
}

const EXT: Record<string, string> = { 'image/png': 'png', 'application/json': 'json', 'text/csv': 'csv', 'text/plain': 'txt' };

/**
 * A sink that writes the claim's page as Allure result files (the documented allure2 result format that the
 * Allure 3 generator reads: `<uuid>-result.json` and one `<uuid>-attachment.<ext>` per attachment), without
 * vitest: `grokcheck verify` uses it. The status is the ledger's (see ledgerStatus).
 */
export function allureFiles(resultsDir: string): Sink {
  return (o: ClaimOutcome) => {
    mkdirSync(resultsDir, { recursive: true });
    if (!existsSync(join(resultsDir, 'environment.properties'))) writeEnvironment(resultsDir);
    const page = claimPage(o);
    const now = Date.now();
    const wall = Math.round(o.verdict.runtimeMs);
    const attach = (a: PageAttachment) => {
      const source = `${randomUUID()}-attachment.${EXT[a.type] ?? 'bin'}`;
      writeFileSync(join(resultsDir, source), a.content);
      return { name: a.name, source, type: a.type };
    };
    // an attachment in the body becomes a step holding it, as allure-js does, so its place among the steps is kept
    const toSteps = (items: (PageStep | PageAttachment)[]): object[] => items.map((it) => (it.kind === 'step'
      ? { name: it.name, status: 'passed', stage: 'finished', steps: toSteps(it.body), attachments: [], parameters: [], start: now - wall, stop: now }
      : { name: it.name, status: 'passed', stage: 'finished', steps: [], attachments: [attach(it)], parameters: [], start: now, stop: now }));
    const result = {
      uuid: randomUUID(), historyId: page.historyId, testCaseId: page.testCaseId, name: page.name, fullName: page.fullName,
      status: page.status, statusDetails: page.message ? { message: page.message } : {}, stage: 'finished',
      description: page.description, labels: [...page.labels, { name: 'framework', value: 'grokcheck' }, { name: 'language', value: 'javascript' }],
      links: page.links, parameters: page.parameters.map(([name, value]) => ({ name, value })),
      steps: toSteps(page.body), attachments: [], start: now - wall, stop: now,
    };
    writeFileSync(join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
  };
}

/** The environment, once per report (Allure reads environment.properties from the results folder). */
export function writeEnvironment(resultsDir: string, env: Record<string, string> = environment()): void {
  mkdirSync(resultsDir, { recursive: true });
  // a .properties key ends at the first blank, '=' or ':': keys are written with '_' for blanks
  const key = (s: string) => s.replace(/[\s=:]+/g, '_');
  const val = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  writeFileSync(join(resultsDir, 'environment.properties'), `${Object.entries(env).map(([k, v]) => `${key(k)}=${val(v)}`).join('\n')}\n`);
}

/**
 * The verdict map as a report-wide (global) attachment of the results folder: the Allure report lists it under
 * "Global attachments", and allurerc's verdict-map plugin shows it at the top of the front page.
 */
export function writeGlobalMap(resultsDir: string, png: Buffer): void {
  mkdirSync(resultsDir, { recursive: true });
  // fixed names: writing the map again (after more claims ran) replaces it instead of adding a second one
  const source = 'grokcheck-verdict-map-attachment.png';
  writeFileSync(join(resultsDir, source), png);
  writeFileSync(join(resultsDir, 'grokcheck-verdict-map-globals.json'), JSON.stringify({
    attachments: [{ name: 'verdict map', source, type: 'image/png', timestamp: Date.now() }], errors: [],
  }));
}
