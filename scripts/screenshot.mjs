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
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 60000 });
    const test = page.getByText(new RegExp(`${id} .* — (SUPPORTED|REFUTED|INCONCLUSIVE)`)).first();
    // the single-file report renders its tree after loading (slowly on a busy machine): wait for the tree,
    // or for the claim itself if the tree opens expanded
    await Promise.any([
      page.waitForSelector('[data-testid="tree-arrow"]', { timeout: 60000 }),
      test.waitFor({ timeout: 60000 }),
    ]).catch(async (e) => {
      await page.screenshot({ path: out.replace(/\.png$/, '-failure.png') });
      throw e;
    });
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
