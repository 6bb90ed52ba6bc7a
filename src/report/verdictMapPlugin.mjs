// An Allure 3 plugin (loaded by allurerc.mjs, after the awesome plugins) that puts the verdict map and the verdict
// counts at the top of the report's front page, above the tree, so a reader sees which claims hold without a
// click. The map is the report-wide attachment "verdict map" that the run wrote into the results
// (src/report/summary.ts); the counts come from each result's `verdict` and `ledger` labels.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const COLOURS = { supported: '#1b5e20', refuted: '#b71c1c', inconclusive: '#8a4b00', untestable: '#424242' };

export default class VerdictMapPlugin {
  constructor(options = {}) {
    this.options = options;
  }

  async done(context, store) {
    const trs = await store.allTestResults({ filter: this.options.filter });
    const label = (tr, name) => tr.labels.find((l) => l.name === name)?.value;
    const counts = {};
    for (const tr of trs) { const v = label(tr, 'verdict'); if (v) counts[v] = (counts[v] ?? 0) + 1; }
    const enforced = trs.filter((tr) => ['recorded verdict reproduced', 'verdict changed', 'not recorded'].includes(label(tr, 'ledger')));
    const reproduced = enforced.filter((tr) => label(tr, 'ledger') === 'recorded verdict reproduced').length;
    const globals = await store.allGlobalAttachments();
    const map = globals.find((a) => a.name === 'verdict map');
    const file = map ? await store.attachmentContentById(map.id) : undefined;
    const png = file ? await file.asBuffer() : undefined;
    const root = basename(context.output) === context.id ? dirname(context.output) : context.output;
    const order = ['refuted', 'supported', 'inconclusive', 'untestable'];
    const chips = Object.keys(counts).sort((a, b) => order.indexOf(a) - order.indexOf(b))
      .map((v) => `<span data-testid="verdict-count" style="color:${COLOURS[v] ?? '#333'};font-weight:bold;margin-right:14px">${v.toUpperCase()} ${counts[v]}</span>`).join('');
    const banner = [
      '<div id="grokcheck-front" style="font-family:system-ui,sans-serif;padding:10px 20px 6px;border-bottom:1px solid #ddd;background:#fff;color:#222">',
      `<div style="font-size:16px;margin-bottom:6px"><b>Which claims hold?</b> <span style="margin-left:10px">${chips}</span>`,
      enforced.length ? `<span style="color:#555">· recorded verdicts reproduced ${reproduced}/${enforced.length} (what the ring counts)</span>` : '',
      '</div>',
      png ? `<img id="grokcheck-verdict-map" alt="verdict map: claims × regimes, coloured by verdict" src="data:image/png;base64,${png.toString('base64')}" style="max-width:100%;max-height:640px;display:block">` : '',
      '</div>',
    ].join('');
    for (const id of this.options.targets ?? ['awesome']) {
      const html = join(root, id, 'index.html');
      if (!existsSync(html)) continue;
      const text = readFileSync(html, 'utf8').replace(/<!-- grokcheck -->[\s\S]*?<!-- \/grokcheck -->/, '');
      writeFileSync(html, text.replace(/<body([^>]*)>/, (m) => `${m}<!-- grokcheck -->${banner}<style>${CSS}</style><script>${SCRIPT}</script><!-- /grokcheck -->`));
    }
  }
}

/**
 * A claim's page leads with its verdict: the description (verdict line, deciding plot) moves above the parameter
 * and label lists, right after the title and any error (which names a verdict that changed against its record).
 */
const CSS = `
div:has(> [data-testid="test-result-description"]) { display: flex; flex-direction: column; }
div:has(> [data-testid="test-result-description"]) > * { order: 2; }
div:has(> [data-testid="test-result-description"]) > :first-child,
div:has(> [data-testid="test-result-description"]) > :has([data-testid="test-result-error"]) { order: 0; }
div:has(> [data-testid="test-result-description"]) > [data-testid="test-result-description"] { order: 1; }
`;

/**
 * In the page: the verdict banner shows on the front page only (the tree; a claim's page has its own verdict),
 * and wide tables in a description wrap instead of being cut off (the description frame hides overflow): a style
 * goes into each description frame, whose height is then fitted to its content again.
 */
const SCRIPT = `(() => {
  const WRAP = 'table{width:100%;table-layout:auto}th,td{overflow-wrap:break-word;white-space:normal}img{max-width:100%}';
  const banner = () => {
    const el = document.getElementById('grokcheck-front');
    if (el) el.style.display = !location.hash || location.hash === '#' ? '' : 'none';
  };
  const fit = (f) => {
    const doc = f.contentDocument;
    if (!doc || !doc.head) return;
    if (!doc.getElementById('grokcheck-wrap')) {
      const st = doc.createElement('style'); st.id = 'grokcheck-wrap'; st.textContent = WRAP; doc.head.appendChild(st);
    }
    const h = doc.documentElement.scrollHeight;
    if (h && String(h) !== f.getAttribute('height')) f.setAttribute('height', String(h));
  };
  const scan = () => document.querySelectorAll('iframe[data-testid="test-result-description-frame"]').forEach((f) => {
    if (!f.dataset.grokcheck) { f.dataset.grokcheck = '1'; f.addEventListener('load', () => { fit(f); setTimeout(() => fit(f), 300); }); }
    fit(f);
  });
  window.addEventListener('hashchange', banner);
  document.addEventListener('DOMContentLoaded', () => { banner(); scan(); new MutationObserver(() => { banner(); scan(); }).observe(document.body, { childList: true, subtree: true }); });
})();`;
