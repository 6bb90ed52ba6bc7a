import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

/** One claim's verdict in one regime, with the effect that decided it ("t_grok/t_mem = 4.2 [3.9, 4.4]"). */
export interface MapCell { status: string; effect: string }
export interface MapRow { id: string; title: string; cells: Record<string, MapCell> }

/** The verdict colours, shared by the map and the README: green holds, red fails, amber undecided, grey untestable. */
export const VERDICT_COLOURS: Record<string, { fill: string; text: string }> = {
  supported: { fill: '#c8e6c9', text: '#1b5e20' },
  refuted: { fill: '#ffcdd2', text: '#b71c1c' },
  inconclusive: { fill: '#ffe0b2', text: '#8a4b00' },
  untestable: { fill: '#e0e0e0', text: '#424242' },
};
const VERDICTS = Object.keys(VERDICT_COLOURS);

/** Ordered as the README lists claims: by family letter, then number (D1, D2, …, E1, …, E10). */
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * The verdict map: claims (rows) × regimes (columns), each cell coloured by the verdict with the deciding effect
 * and its 95% CI, and a header counting verdicts and the recorded verdicts reproduced. Drawn straight onto a
 * canvas (a table, not a chart), at a width that keeps the longest effect readable.
 */
export function verdictMap(rows: readonly MapRow[], regimes: readonly string[], ledger?: { reproduced: number; of: number }): Buffer {
  const sorted = [...rows].sort(byId);
  const rowH = 30, headH = 100, colHead = 30, pad = 12, gap = 24, idW = 56, titleW = 330, cellW = 470;
  // more than 16 claims with one regime: two blocks side by side, so the map stays wide rather than tall
  const blocks = regimes.length === 1 && sorted.length > 16 ? 2 : 1;
  const perBlock = Math.ceil(sorted.length / blocks);
  const blockW = idW + titleW + cellW * regimes.length;
  const width = Math.max(pad * 2 + blockW * blocks + gap * (blocks - 1), 900);
  const height = headH + colHead + rowH * perBlock + pad * 2 + 42;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // header: what the colours say, and the counts
  ctx.fillStyle = '#111111';
  ctx.font = 'bold 22px sans-serif';
  ctx.fillText('grokcheck verdict map: which claims hold?', pad, pad + 22);
  const counts = Object.fromEntries(VERDICTS.map((s) => [s, sorted.filter((r) => regimes.some((g) => r.cells[g]?.status === s)).length]));
  let x = pad;
  ctx.font = 'bold 16px sans-serif';
  for (const s of VERDICTS) {
    if (!counts[s] && s === 'untestable') continue;
    const label = `${s.toUpperCase()} ${counts[s]}`;
    const w = ctx.measureText(label).width + 20;
    ctx.fillStyle = VERDICT_COLOURS[s].fill;
    ctx.fillRect(x, pad + 36, w, 26);
    ctx.fillStyle = VERDICT_COLOURS[s].text;
    ctx.fillText(label, x + 10, pad + 55);
    x += w + 10;
  }
  ctx.fillStyle = '#444444';
  ctx.font = '14px sans-serif';
  const ledgerText = ledger ? ` · recorded verdicts reproduced ${ledger.reproduced}/${ledger.of}` : '';
  ctx.fillText(`${sorted.length} claims${ledgerText} · each cell: the verdict, and the effect that decided it [95% CI]`, pad, pad + 84);

  let bottom = 0;
  for (let b = 0; b < blocks; b++) {
    const left = pad + b * (blockW + gap);
    const part = sorted.slice(b * perBlock, (b + 1) * perBlock);
    bottom = Math.max(bottom, drawBlock(ctx, part, regimes, left, headH, { rowH, colHead, idW, titleW, cellW }));
  }
  ctx.fillStyle = '#666666';
  ctx.font = '12px sans-serif';
  ctx.fillText('supported: the test against the smallest effect that matters significant (Holm) and the CI wholly beyond it; refuted: the same test the other way significant and the CI wholly short of it;', pad, bottom + 20);
  ctx.fillText('inconclusive otherwise, or where a positive control failed or a precondition did not hold; untestable: no outcome could refute the claim as quoted.', pad, bottom + 38);
  return canvas.toBuffer('image/png');
}

/** One block of rows (column heads, then a row per claim); returns the y of its bottom edge. */
function drawBlock(ctx: SKRSContext2D, sorted: readonly MapRow[], regimes: readonly string[], pad: number, top: number,
  g: { rowH: number; colHead: number; idW: number; titleW: number; cellW: number }): number {
  const { rowH, colHead, idW, titleW, cellW } = g;
  let y = top;
  ctx.font = 'bold 15px sans-serif';
  ctx.fillStyle = '#111111';
  ctx.fillText('id', pad + 6, y + 20);
  ctx.fillText('claim', pad + idW + 6, y + 20);
  regimes.forEach((r, i) => ctx.fillText(r, pad + idW + titleW + cellW * i + 8, y + 20));
  y += colHead;
  for (const [i, r] of sorted.entries()) {
    ctx.fillStyle = i % 2 ? '#fafafa' : '#ffffff';
    ctx.fillRect(pad, y, idW + titleW, rowH);
    ctx.fillStyle = '#111111';
    ctx.font = 'bold 14px sans-serif';
    ctx.fillText(r.id, pad + 6, y + 20);
    ctx.font = '14px sans-serif';
    ctx.fillText(fit(ctx, glyphs(r.title), titleW - 12), pad + idW + 6, y + 20);
    regimes.forEach((g, j) => {
      const c = r.cells[g];
      const cx = pad + idW + titleW + cellW * j;
      // a claim with fewer regimes than the widest leaves its extra columns blank; a missing first column did not run
      if (!c && j > 0 && regimes.length > 1) return;
      const colour = VERDICT_COLOURS[c?.status ?? ''] ?? { fill: '#f5f5f5', text: '#9e9e9e' };
      ctx.fillStyle = colour.fill;
      ctx.fillRect(cx + 2, y + 2, cellW - 4, rowH - 4);
      ctx.fillStyle = colour.text;
      ctx.font = 'bold 14px sans-serif';
      const head = c ? c.status.toUpperCase() : 'not run';
      ctx.fillText(head, cx + 8, y + 20);
      if (c) {
        // the estimate and its CI always show in full; the effect's name gives way when space runs short
        ctx.font = '13px sans-serif';
        ctx.fillStyle = '#222222';
        const text = glyphs(c.effect), at = text.lastIndexOf(' = ');
        const value = at < 0 ? '' : text.slice(at);
        const room = cellW - 140 - ctx.measureText(value).width;
        ctx.fillText(`${fit(ctx, at < 0 ? text : text.slice(0, at), Math.max(room, 40))}${value}`, cx + 130, y + 20);
      }
    });
    y += rowH;
  }
  ctx.strokeStyle = '#dddddd';
  ctx.strokeRect(pad, top, idW + titleW + cellW * regimes.length, y - top);
  return y;
}

/** Characters the canvas's fallback font lacks, written with ones it has (‖θ‖ → |θ|). */
const glyphs = (s: string): string => s.replace(/‖/g, '|').replace(/∇/g, 'grad ').replace(/ᵀ/g, 'T').replace(/∼/g, '~').replace(/≫/g, '>>').replace(/≪/g, '<<');

/** Shortens text with an ellipsis to fit a width in pixels. */
function fit(ctx: SKRSContext2D, s: string, w: number): string {
  if (ctx.measureText(s).width <= w) return s;
  let lo = 0, hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${s.slice(0, mid)}…`).width <= w) lo = mid; else hi = mid - 1;
  }
  return `${s.slice(0, lo)}…`;
}
