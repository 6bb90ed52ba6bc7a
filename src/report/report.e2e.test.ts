import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { settings } from '../engine/settings.ts';
import { finishReport } from './summary.ts';

/**
 * The report end to end (vitest project 'report', after the hypotheses): builds the report with the allure 3
 * generator from this run's own results when the hypotheses ran in it (every claim), else from D1's alone (run
 * again in a nested vitest with Allure results in a scratch folder), and opens it in headless Chromium (Debian's
 * chromium, installed by .ci/run): D1's page, and the front page. Screenshots go to reports/front-page.png,
 * reports/D1.png and reports/D1-plots.png.
 */
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const root = process.cwd();
const report = (results: string, output: string, env: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, [join(root, 'bin', 'grokcheck.mjs'), 'report', '--no-serve', '--results', results, '--output', output], { cwd: root, env, stdio: 'pipe' });

/** Whether a results folder holds claim results (a verdict label), not only unit tests'. */
const hasClaims = (dir: string) => existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('-result.json'))
  .some((f) => readFileSync(join(dir, f), 'utf8').includes('"name":"verdict"'));

describe('the Allure report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grokcheck-report-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  Object.assign(env, { GROKCHECK_ALLURE_RESULTS: join(dir, 'results'), GROKCHECK_HISTORY: join(dir, 'history.jsonl'), GROKCHECK_NESTED: '1' });
  // this run's own results when the hypotheses ran in it (every claim), else D1's alone from a nested vitest (its
  // runs come from the run store, so it takes seconds): one report, built once, serves both tests
  const output = join(dir, 'allure');
  beforeAll(() => {
    if (!existsSync(chromium)) return;
    const outer = settings().allureResults;
    if (hasClaims(outer)) {
      finishReport(outer); // the verdict map of every claim (the global teardown writes it again at the end)
      report(outer, output, env);
      return;
    }
    execFileSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'hypotheses', 'hypotheses/D1-grokking-delay.spec.ts'],
      { cwd: root, env, stdio: 'pipe' });
    report(join(dir, 'results'), output, env);
  }, 400_000);

  test('should show a claim page with its verdict, provenance, environment, success rates, checkpoints and plots', async (ctx) => {
    if (!existsSync(chromium)) ctx.skip(`no Chromium at ${chromium} (Debian: apt-get install chromium; or set CHROMIUM)`);
    // Arrange
    const { screenshotClaim } = await import('../../scripts/screenshot.mjs');
    // Act
    const shot = await screenshotClaim('D1', join(root, 'reports', 'D1.png'), output);
    // Assert
    expect(shot.text).toMatch(/D1 .* — (SUPPORTED|REFUTED|INCONCLUSIVE)/);
    expect(shot.text).toMatch(/Verdict: (SUPPORTED|REFUTED|INCONCLUSIVE)/);
    expect(shot.text).toContain('Pre-registered protocol');
    expect(shot.text).toContain('Parameters');
    expect(shot.text).toContain('task.p');
    expect(shot.text).toContain('Configuration and provenance');
    expect(shot.text).toMatch(/Nanda et al\. \(2023\)/);
    expect(shot.text).toContain('Success rates');
    expect(shot.text).toMatch(/lockfile sha256/);
    expect(shot.text).toMatch(/arXiv 2201\.02177/);
    expect(shot.text).toMatch(/Checkpoints[\s\S]*t_mem/);
    expect(shot.text).toMatch(/learning curves: /);
    // the verdict line comes before the parameter list
    expect(shot.order.description).not.toBeNull();
    expect(shot.order.description!).toBeLessThan(shot.order.parameters ?? Infinity);
    expect(shot.images).toBeGreaterThanOrEqual(2);
    expect(existsSync(shot.plots)).toBe(true);
  }, 400_000);

  test('should show the verdict groups with their counts and the verdict map on the front page, a claim within two clicks', async (ctx) => {
    if (!existsSync(chromium)) ctx.skip(`no Chromium at ${chromium} (Debian: apt-get install chromium; or set CHROMIUM)`);
    const { screenshotFront } = await import('../../scripts/screenshot.mjs');
    // Act
    const shot = await screenshotFront(join(root, 'reports', 'front-page.png'), output, 'D1');
    // Assert: with no click, the counts by verdict, the tree's verdict groups and the map
    expect(shot.text).toMatch(/Which claims hold\?/);
    expect(shot.text).toMatch(/(REFUTED|SUPPORTED|INCONCLUSIVE) \d+/);
    expect(shot.text).toMatch(/recorded verdicts reproduced \d+\/\d+/);
    expect(shot.groups.length).toBeGreaterThanOrEqual(1);
    for (const g of shot.groups) expect(g).toMatch(/^(supported|refuted|inconclusive|untestable)\b/);
    expect(shot.map).toHaveLength(1);
    expect(shot.map[0].width).toBeGreaterThan(800);
    expect(shot.map[0].shown).toBeGreaterThan(200);
    // a claim's page within two clicks (its verdict group, then the claim)
    expect(shot.clicks).toBeLessThanOrEqual(2);
    expect(shot.opened).toContain('Pre-registered protocol');
    expect(existsSync(shot.out)).toBe(true);
  }, 400_000);
});
