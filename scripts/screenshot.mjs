// Opens the generated Allure report (single-file build) in headless Chromium (Debian's chromium) and screenshots
// its front page, or walks the tree to a claim and screenshots the claim's page:
//   node scripts/screenshot.mjs front [OUT.png] [REPORT_DIR]
//   node scripts/screenshot.mjs [CLAIM_ID] [OUT.png] [REPORT_DIR]
// The report test (src/report/report.e2e.test.ts) uses it to check the front page (verdict counts, the verdict
// map, a claim within two clicks) and a claim page (plots, parameters, verdict).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const TITLE = (id) => new RegExp(`${id} .* — (SUPPORTED|REFUTED|INCONCLUSIVE|UNTESTABLE)`);

/** Opens the report's single file in a fresh browser and waits until its tree shows; returns { browser, page, logs }. */
async function openReport(report, out) {
  const file = join(report, 'single', 'index.html');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run verify first`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1400 } });
  // the report is one local file: refuse every network request, so nothing can stall on DNS in a sandbox
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  const logs = [];
  page.on('console', (m) => { if (m.type() === 'error') logs.push(m.text()); });
  page.on('pageerror', (e) => logs.push(String(e)));
  // the single-file report renders its tree after loading; it has been seen to stay on its spinner once in a
  // while in CI (and not on a rerun), so wait for the tree, and reload up to twice
  for (let attempt = 1; ; attempt++) {
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 60000 });
    const shown = await page.waitForSelector('[data-testid="tree-section"], [data-testid="tree-leaf"]', { timeout: 30000 }).then(() => true, () => false);
    if (shown) break;
    await page.screenshot({ path: out.replace(/\.png$/, `-failure-${attempt}.png`) });
    if (attempt === 3) { await browser.close(); throw new Error(`the report never showed its tree after ${attempt} loads; browser errors: ${logs.join(' | ') || 'none'}`); }
  }
  return { browser, page, logs };
}

/** The text of every frame (the description is rendered in its own frame). */
const allText = async (page) => (await Promise.all(page.frames().map((f) => f.innerText('body').catch(() => '')))).join('\n');

/**
 * The front page as a reader first sees it, with no click: its text, the verdict groups of the tree with their
 * counts, whether the verdict map is shown (and its size), then the number of clicks it takes to open a claim.
 */
export async function screenshotFront(out = join('reports', 'front-page.png'), report = join(process.cwd(), 'reports', 'allure'), id = 'D1') {
  const { browser, page } = await openReport(report, out);
  try {
    await page.waitForTimeout(500);
    const text = await allText(page);
    const groups = await page.locator('[data-testid="tree-section"]').evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
    const map = await page.locator('#grokcheck-verdict-map').evaluateAll((els) => els.map((e) => ({ width: e.naturalWidth, shown: e.getBoundingClientRect().height })));
    await page.screenshot({ path: out });
    // a claim within two clicks: open its verdict group, then the claim
    let clicks = 0;
    const claim = page.getByText(TITLE(id)).first();
    if (!(await claim.isVisible())) {
      for (const g of await page.locator('[data-testid="tree-section"]').all()) {
        await g.locator('[data-testid="tree-arrow"]').first().click({ timeout: 2000 });
        clicks++;
        await page.waitForTimeout(300);
        if (await claim.isVisible()) break;
        // a group that does not hold the claim: close it again, and don't count it (a reader knows the verdict group to open)
        await g.locator('[data-testid="tree-arrow"]').first().click({ timeout: 2000 });
        clicks--;
      }
    }
    await claim.click({ timeout: 10000 });
    clicks++;
    await page.waitForTimeout(1000);
    const opened = await allText(page);
    return { out, text, groups, map, clicks, opened };
  } finally {
    await browser.close();
  }
}

export async function screenshotClaim(id = 'D1', out = join('reports', `${id}.png`), report = join(process.cwd(), 'reports', 'allure')) {
  const { browser, page } = await openReport(report, out);
  try {
    const test = page.getByText(TITLE(id)).first();
    // expand the collapsed groups until the claim's test shows
    const opened = new Set();
    for (let i = 0; i < 6 && !(await test.isVisible()); i++) {
      const sections = page.locator('[data-testid="tree-section"]');
      for (let g = 0; g < (await sections.count()); g++) {
        const node = await sections.nth(g).getAttribute('data-tree-node-id');
        if (opened.has(node)) continue;
        opened.add(node);
        await sections.nth(g).locator('[data-testid="tree-arrow"]').first().click({ timeout: 2000 }).catch(() => {});
      }
      await page.waitForTimeout(300);
    }
    await test.click({ timeout: 60000 });
    await page.waitForTimeout(1500);
    const text = await allText(page);
    // where the description (verdict line, deciding plot) sits against the parameter list, top to bottom
    const order = await page.evaluate(() => {
      const top = (e) => (e ? e.getBoundingClientRect().top : null);
      const heading = [...document.querySelectorAll('button, span, div')].find((e) => e.children.length === 0 && e.textContent.trim() === 'Parameters');
      return { description: top(document.querySelector('[data-testid="test-result-description"]')), parameters: top(heading) };
    });
    await page.screenshot({ path: out });
    // open the first learning-curve plot and the first metric plot, and screenshot them too
    const plots = out.replace(/\.png$/, '-plots.png');
    const curve = page.getByText(/^learning curves: /).first();
    await curve.click();
    await page.getByText(/ per seed$/).first().click();
    await page.waitForTimeout(1000);
    await curve.scrollIntoViewIfNeeded();
    const images = await page.locator('img').evaluateAll((els) => els.filter((e) => e.naturalWidth > 300).length);
    await page.screenshot({ path: plots });
    return { out, plots, text, images, order };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'front') {
    const r = await screenshotFront(process.argv[3], process.argv[4]);
    console.log(r.out, JSON.stringify({ groups: r.groups, map: r.map, clicks: r.clicks }));
  } else {
    const r = await screenshotClaim(process.argv[2], process.argv[3], process.argv[4]);
    console.log(r.out, r.plots, `${r.images} plot images shown`);
  }
}
