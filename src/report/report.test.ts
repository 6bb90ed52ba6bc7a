import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { claimVerdict } from '../claims/verdict.ts';
import { allureFiles, writeEnvironment } from './allure.ts';
import { fakeOutcome } from './fakeOutcomes.ts';
import { ledgerStatus } from './outcome.ts';
import { arxivIds, claimPage, linkArxiv, toCsv } from './page.ts';
import { repairMojibake, seedTitle, titleOf } from './seeds.ts';
import { type Row, changedClaims, mapOf, parseRows, renderTable, rowOf, runIdsOf, shares } from './table.ts';

describe('seed titles', () => {
  test('should read the front matter title with its arXiv id', () => {
    // Arrange
    const text = "---\nver: rpa2\ntitle: Is Grokking a Computational Glass Relaxation?\narxiv_id: '2505.11411'\n---\n# body";
    // Act / Assert
    expect(titleOf(text)).toBe('Is Grokking a Computational Glass Relaxation?, arXiv 2505.11411');
  });

  test('should read the first heading when there is no front matter', () => {
    expect(titleOf('\n# Grokking as Boundary Energy Phase Transition\n\n## more')).toBe('Grokking as Boundary Energy Phase Transition');
  });

  test('should repair UTF-8 read as Windows-1252, and cut a title whose bytes were lost', () => {
    // Arrange: "统计" encoded as UTF-8 and decoded as Windows-1252 is "ç»Ÿè®¡"
    const garbled = 'ç»Ÿè®¡';
    // Act / Assert
    expect(repairMojibake(garbled)).toBe('统计');
    expect(titleOf('# Grokking ä¸Žç»Ÿè®¡å¦ä¹ ç†è®º')).toBe('Grokking …'); // the soft hyphen of 学 is gone: not repairable
  });
});

describe('seed files', () => {
  test('should fall back to the file name when the seed folder has no such file', () => {
    // Arrange
    const empty = mkdtempSync(join(tmpdir(), 'grokcheck-seeds-'));
    // Act / Assert
    expect(seedTitle('999_missing.txt', empty)).toBe('999_missing.txt');
  });

  test('should title a seed file from its own text, the file name in brackets', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-seeds-'));
    writeFileSync(join(dir, '005_x.txt'), '---\ntitle: A Paper\narxiv_id: 2401.00001\n---\ntext');
    // Act / Assert
    expect(seedTitle('005_x.txt', dir)).toBe('A Paper, arXiv 2401.00001 (005_x.txt)');
  });
});

describe('arXiv links', () => {
  test('should find each arXiv id once and link it to its abstract', () => {
    // Arrange
    const text = 'Power et al. (2022), arXiv 2201.02177; Gromov 2023, arXiv:2301.02679v2; again arXiv 2201.02177';
    // Act / Assert
    expect(arxivIds(text)).toEqual(['2201.02177', '2301.02679']);
    expect(linkArxiv('see arXiv 2201.02177.')).toBe('see [arXiv 2201.02177](https://arxiv.org/abs/2201.02177).');
  });
});

describe('the claim page', () => {
  test('should carry the claim id as testCaseId, the verdict as a label and the arXiv ids as links', () => {
    // Arrange
    const o = fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted');
    // Act
    const page = claimPage(o);
    // Assert
    expect(page.testCaseId).toBe('X1');
    expect(page.historyId).toBe('X1');
    expect(page.labels).toContainEqual({ name: 'verdict', value: o.verdict.status });
    expect(page.links.map((l) => l.url)).toEqual(['https://arxiv.org/abs/2201.02177', 'https://arxiv.org/abs/2301.02679']);
    expect(page.description.indexOf('**Verdict:**')).toBeLessThan(page.description.indexOf('## Results'));
    expect(page.description).toContain('data:image/png;base64,');
    expect(page.body.some((b) => b.kind === 'attachment' && b.name === 'environment.json')).toBe(false);
  });

  test('should show the verdict per regime, and each positive control beside the number it is checked against', () => {
    // Arrange: the source's regime refutes; a second regime supports but its control failed
    const o = fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted');
    const e = o.verdict.evidence[0];
    const other = {
      ...o.verdict, status: 'inconclusive' as const, seedsNeeded: null, regime: { name: 'transformer', source: false },
      controls: [{ name: 'the known delay shows', expected: { value: '10²–10³×', cite: 'Power et al. (2022), arXiv 2201.02177' }, evidence: { ...e, status: 'refuted' as const }, passed: false }],
      unmet: ["control 'the known delay shows' failed"],
    };
    const v = claimVerdict({ quantifier: 'universal' }, [o.verdict, other]);
    // Act
    const page = claimPage({ ...o, verdict: v, regimes: [o.regimes[0], { claim: { ...o.claim, regimeName: 'transformer', isSource: false }, verdict: other, runs: o.runs }] });
    // Assert
    expect(page.description).toMatch(/## Verdict per regime[\s\S]*\| CI scale \(source\) \| \*\*REFUTED\*\*[\s\S]*\| transformer \| \*\*INCONCLUSIVE\*\* \|[^\n]*1\/1 controls failed/);
    expect(page.description).toMatch(/## Positive controls[\s\S]*\| transformer \| the known delay shows \| 10²–10³× \(Power et al\. \(2022\), \[arXiv 2201\.02177\]/);
    expect(page.description).toContain('✗ no (refuted)');
    expect(page.labels.filter((l) => l.name === 'regime').map((l) => l.value)).toEqual(['CI scale', 'transformer']);
  });

  test('should pass when the recorded verdict is reproduced and fail, naming both, when it changed', () => {
    // Arrange
    const same = fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted');
    const changed = fakeOutcome('X2', 'a made-up delay claim', 4, 'supported');
    // Act / Assert
    expect(ledgerStatus(same)).toEqual({ status: 'passed' });
    expect(ledgerStatus(changed).status).toBe('failed');
    expect(ledgerStatus(changed).message).toMatch(/recorded SUPPORTED, measured REFUTED/);
    expect(claimPage(changed).description).toMatch(/\| verdict \| \*\*SUPPORTED\*\* \| \*\*REFUTED\*\* \|/);
  });

  test('should write the page as Allure result files, attachments beside it, and the environment once', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-allure-'));
    const sink = allureFiles(dir);
    // Act
    sink(fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted'));
    sink(fakeOutcome('X2', 'another', 4, 'supported'));
    // Assert
    const files = readdirSync(dir);
    const results = files.filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    expect(results.map((r) => r.testCaseId).sort()).toEqual(['X1', 'X2']);
    expect(results.find((r) => r.testCaseId === 'X2').status).toBe('failed');
    const x1 = results.find((r) => r.testCaseId === 'X1');
    expect(x1.status).toBe('passed');
    const sources = JSON.stringify(x1.steps).match(/[0-9a-f-]{36}-attachment\.[a-z]+/g) ?? [];
    expect(sources.length).toBeGreaterThan(4);
    for (const s of sources) expect(files).toContain(s);
    expect(files.filter((f) => f === 'environment.properties')).toHaveLength(1);
  });

  test('should write environment keys without blanks, which end a .properties key', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-env-'));
    // Act
    writeEnvironment(dir, { 'lockfile sha256': 'abc', node: 'v20' });
    // Assert
    expect(readFileSync(join(dir, 'environment.properties'), 'utf8')).toBe('lockfile_sha256=abc\nnode=v20\n');
  });
});

describe('claims.md and the verdict map', () => {
  const row = (id: string, status: string, effect: string): Row => ({
    id, title: `claim ${id} | with a pipe`, status, effect, p: '0.0100 / 1.0000', n: 'a 8', grokked: 'a 8/8 (100% [68, 100])', runtime: '12 s CPU', note: '1 prediction(s)',
    verdict: status.toLowerCase(), regime: 'CI scale',
  });

  test('should name runs by their seed, not their index, when a regime tests on fresh seeds (firstSeed)', () => {
    const o = fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted');
    const arm = Object.keys(o.runs)[0];
    expect(toCsv(o.runs, 8).split('\n')[1]).toMatch(new RegExp(`^${arm.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},8,`));
    const page = claimPage({ ...o, claim: { ...o.claim, firstSeed: 8 } });
    expect(JSON.stringify(page.body)).toContain('seed 8: t_mem');
    expect(JSON.stringify(page.body)).not.toContain('seed 0: t_mem');
  });

  test('should give no grokked rate for a regression arm, whose accuracy is test R²', () => {
    // Arrange: the same runs, once as a classification arm and once marked regression
    const o = fakeOutcome('X1', 'a made-up delay claim', 4, 'refuted');
    // Act
    const plain = rowOf(o.verdict), regression = rowOf({ ...o.verdict, regression: ['wd=1'] });
    // Assert
    expect(plain.grokked).toMatch(/^wd=1 6\/6 \(100%/);
    expect(regression.grokked).toMatch(/^wd=1 n\/a \(regression\); wd=0\.3 6\/6/);
    expect(claimPage({ ...o, verdict: { ...o.verdict, regression: ['wd=1'] } }).description).toContain('| wd=1 | 6/6 (100% [61, 100]) | n/a (regression) |');
  });

  test('should read back the verdict and effect of every row it renders', () => {
    // Arrange
    const rows = [row('D1', 'REFUTED', 'median t_grok / t_mem = 4.166 [3.879, 4.375]'), row('E2', 'REFUTED', 'median |focal degree − 12| = 10 [9, 10]')];
    // Act
    const back = parseRows(renderTable(rows));
    // Assert
    expect([...back.keys()]).toEqual(['D1', 'E2']);
    expect(back.get('E2')).toMatchObject({ status: 'REFUTED', effect: 'median |focal degree − 12| = 10 [9, 10]', title: 'claim E2 | with a pipe' });
  });

  test('should name the claims decided on the same runs, and keep the names through claims.md', () => {
    // Arrange: two fake claims with the same configs and seeds share all 12 runs; a third, with another budget, none
    const a = fakeOutcome('X1', 'one', 12, null), b = fakeOutcome('X2', 'two', 12, null), c = fakeOutcome('X3', 'three', 12, null, { steps: 3000 });
    const rows = [a, b, c].map((o) => ({ ...row(o.claim.id, 'REFUTED', 'x = 1 [0, 2]'), runIds: runIdsOf(o) }));
    // Act
    const shared = shares(rows);
    const back = parseRows(renderTable(shared));
    // a claims.md row without ids still names the claim it shared with, so the other side keeps it too
    const mixed = shares([{ ...back.get('X1')!, runIds: undefined }, rows[1]]);
    // Assert
    expect(runIdsOf(a)).toHaveLength(12);
    expect(shared.map((r) => r.shared)).toEqual(['X2 (12 runs)', 'X1 (12 runs)', '—']);
    expect(back.get('X2')!.shared).toBe('X1 (12 runs)');
    expect(mixed[1].shared).toBe('X1 (12 runs)');
  });

  test('should name the claims whose verdict or effect changed, ignoring runtime', () => {
    // Arrange
    const before = renderTable([row('D1', 'REFUTED', 'r = 4.166 [3.879, 4.375]'), row('D2', 'REFUTED', 'r = 0.7 [0.6, 0.8]'), row('D3', 'SUPPORTED', 'τ = 0.8 [0.6, 1]')]);
    const slower = { ...row('D1', 'REFUTED', 'r = 4.166 [3.879, 4.375]'), runtime: '999 s CPU' };
    const after = renderTable([slower, row('D2', 'REFUTED', 'r = 0.71 [0.6, 0.8]'), row('D3', 'INCONCLUSIVE', 'τ = 0.8 [0.6, 1]'), row('D4', 'REFUTED', 'x = 1 [0, 2]')]);
    // Act
    const changed = changedClaims(before, after, ['D1', 'D2', 'D3', 'D4']);
    // Assert
    expect(changed).toEqual(['D2: effect r = 0.7 [0.6, 0.8] → r = 0.71 [0.6, 0.8]', 'D3: verdict SUPPORTED → INCONCLUSIVE']);
  });

  test('should draw one block for a few claims and two side by side for more than 16', () => {
    // Arrange
    const few = [row('D1', 'REFUTED', 'x = 1 [0, 2]'), row('D2', 'SUPPORTED', 'x = 1 [0, 2]')];
    const many = Array.from({ length: 32 }, (_, i) => row(`D${i + 1}`, i % 3 ? 'REFUTED' : 'INCONCLUSIVE', 'x = 1 [0, 2]'));
    // Act
    const size = (png: Buffer) => ({ w: png.readUInt32BE(16), h: png.readUInt32BE(20) });
    const a = size(mapOf(few)), b = size(mapOf(many));
    // Assert: PNG, and 32 claims wrap into two columns of 16 rows (wider, not 16× taller)
    expect(mapOf(few).subarray(1, 4).toString()).toBe('PNG');
    expect(b.w).toBeGreaterThan(1.8 * 856);
    expect(b.h).toBeLessThan(a.h + 15 * 30 + 1);
  });
});
