// Opens the generated Allure report (single-file build) in headless Chromium (Debian's chromium), walks the
// tree epic → feature → story to a claim and screenshots its page:
//   node scripts/screenshot.mjs [CLAIM_ID] [OUT.png] [REPORT_DIR]
// The report test (src/report/report.e2e.test.ts) uses it to check plots, parameters and verdict are there.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function screenshotClaim(id = 'D1', out = join('reports', `${id}.png`), report = join(process.cwd(), 'reports', 'allure')) {
  const file = join(report, 'single', 'index.html');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run verify first`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1400 } });
    // the report is one local file: refuse every network request, so nothing can stall on DNS in a sandbox
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const logs = [];
    page.on('console', (m) => { if (m.type() === 'error') logs.push(m.text()); });
    page.on('pageerror', (e) => logs.push(String(e)));
    const test = page.getByText(new RegExp(`${id} .* — (SUPPORTED|REFUTED|INCONCLUSIVE)`)).first();
    // the single-file report renders its tree after loading; it has been seen to stay on its spinner once in a
    // while in CI (and not on a rerun), so wait for the tree or the claim, and reload up to twice
    for (let attempt = 1; ; attempt++) {
      await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 60000 });
      const shown = await Promise.any([
        page.waitForSelector('[data-testid="tree-arrow"]', { timeout: 30000 }),
        test.waitFor({ timeout: 30000 }),
      ]).then(() => true, () => false);
      if (shown) break;
      await page.screenshot({ path: out.replace(/\.png$/, `-failure-${attempt}.png`) });
      if (attempt === 3) throw new Error(`the report never showed its tree after ${attempt} loads; browser errors: ${logs.join(' | ') || 'none'}`);
    }
    // expand the collapsed groups (epic → feature → story) until the claim's test shows
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
    // the description is rendered in its own frame: collect the text of every frame
    const text = (await Promise.all(page.frames().map((f) => f.innerText('body').catch(() => '')))).join('\n');
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
    return { out, plots, text, images };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await screenshotClaim(process.argv[2], process.argv[3], process.argv[4]);
  console.log(r.out, r.plots, `${r.images} plot images shown`);
}
