import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { median } from '../stats/median.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { tuneValueLabel } from '../claims/tune.ts';

Chart.register(...registerables);

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const W = 900, H = 480;

/** Renders a Chart.js config to PNG in Node (no browser): @napi-rs/canvas provides the 2-D context. */
export function renderPng(config: ChartConfiguration, width = W, height = H, plugins: Plugin[] = []): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [...(config.plugins ?? []), ...plugins],
  });
  chart.draw();
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

/** Vertical dashed lines at given x positions, labelled (t_mem, t_grok medians). */
function markers(lines: { x: number; label: string; color: string }[]): Plugin {
  return {
    id: 'markers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      for (const [i, l] of lines.entries()) {
        const px = scales.x.getPixelForValue(l.x);
        if (!Number.isFinite(px) || px < chartArea.left || px > chartArea.right) continue;
        ctx.strokeStyle = l.color;
        ctx.setLineDash([6, 4]);
        ctx.beginPath(); ctx.moveTo(px, chartArea.top); ctx.lineTo(px, chartArea.bottom); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = l.color;
        ctx.font = '12px sans-serif';
        ctx.fillText(l.label, px + 4, chartArea.top + 14 + 14 * (i % 4));
      }
      ctx.restore();
    },
  };
}

/** The median of the runs that reached the marker (censored runs left out: a line can only mark a step). */
const medianOf = (xs: number[]): number | null => {
  const finite = xs.filter(Number.isFinite);
  return finite.length ? median(finite) : null;
};

/**
 * Learning curves of one arm, log-x: test accuracy per seed (solid) and train accuracy (dashed), with the
 * arm's median t_mem and t_grok marked.
 */
export function learningCurves(arm: string, runs: Trajectory[], firstSeed = 0): Buffer {
  const datasets = runs.flatMap((t, i) => {
    const seed = firstSeed + i, color = PALETTE[i % PALETTE.length];
    const pts = (k: 'testAcc' | 'trainAcc') => t.evals.map((e) => ({ x: Math.max(e.step, 1), y: e[k] }));
    return [
      { label: `seed ${seed} test`, data: pts('testAcc'), borderColor: color, borderWidth: 1.5, pointRadius: 0 },
      { label: `seed ${seed} train`, data: pts('trainAcc'), borderColor: `${color}88`, borderDash: [4, 3], borderWidth: 1, pointRadius: 0 },
    ];
  });
  const mem = medianOf(runs.map((t) => t.tMem ?? NaN)), grok = medianOf(runs.map((t) => t.tGrok ?? NaN));
  const lines = [
    ...(mem !== null ? [{ x: Math.max(mem, 1), label: `t_mem ${mem}`, color: '#555555' }] : []),
    ...(grok !== null ? [{ x: Math.max(grok, 1), label: `t_grok ${grok}`, color: '#000000' }] : []),
  ];
  return renderPng({
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      plugins: { title: { display: true, text: `${arm}: accuracy vs step (solid test, dashed train; one colour per seed)` }, legend: { display: false } },
      scales: { x: { type: 'logarithmic', title: { display: true, text: 'step (log)' } }, y: { min: 0, max: 1, title: { display: true, text: 'accuracy' } } },
    },
  }, W, H, [markers(lines)]);
}

/**
 * The metric's per-seed values in each arm as a strip plot (log-y for times); censored values (+∞: never
 * within the budget) are drawn as triangles at the top edge.
 */
export function metricStrip(metricName: string, log: boolean, byArm: Record<string, number[]>, threshold?: { value: number; label: string }): Buffer {
  const arms = Object.keys(byArm);
  const finite = [...Object.values(byArm).flat(), ...(threshold ? [threshold.value] : [])].filter(Number.isFinite);
  const top = finite.length ? Math.max(...finite) * (log ? 2 : 1.1) : 1;
  const bottom = finite.length ? Math.min(...finite) / (log ? 1.5 : 1) : 0;
  const datasets = arms.flatMap((arm, i) => {
    const vals = byArm[arm];
    const jitter = (j: number) => i + 0.25 * (((j * 7919) % 13) / 12 - 0.5);
    return [
      { label: arm, data: vals.map((v, j) => ({ x: jitter(j), y: v })).filter((p) => Number.isFinite(p.y)), backgroundColor: PALETTE[i % PALETTE.length], pointRadius: 5 },
      { label: `${arm} censored`, data: vals.map((v, j) => ({ x: jitter(j), y: top })).filter((_, j) => vals[j] === Infinity), backgroundColor: PALETTE[i % PALETTE.length], pointStyle: 'triangle', pointRadius: 7 },
    ];
  });
  return renderPng({
    type: 'scatter',
    data: { datasets },
    options: {
      plugins: { title: { display: true, text: `${metricName} per seed (triangles: censored at the budget)` }, legend: { display: false } },
      scales: {
        x: {
          min: -0.5, max: arms.length - 0.5, ticks: { callback: (v) => arms[Number(v)] ?? '' },
          afterBuildTicks: (axis) => { axis.ticks = arms.map((_, i) => ({ value: i })); },
        },
        y: { type: log ? 'logarithmic' : 'linear', title: { display: true, text: metricName }, ...(log ? { min: bottom, max: top * 1.2 } : {}) },
      },
    },
  }, W, H, threshold ? [hline(threshold.value, threshold.label)] : []);
}

/** A horizontal dashed line across the plot: the smallest effect that matters. */
function hline(y: number, label: string): Plugin {
  return {
    id: 'threshold',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const py = scales.y.getPixelForValue(y);
      if (!Number.isFinite(py) || py < chartArea.top || py > chartArea.bottom) return;
      ctx.save();
      ctx.strokeStyle = '#444444';
      ctx.setLineDash([8, 5]);
      ctx.beginPath(); ctx.moveTo(chartArea.left, py); ctx.lineTo(chartArea.right, py); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#444444';
      ctx.font = '12px sans-serif';
      ctx.fillText(label, chartArea.left + 6, py - 5);
      ctx.restore();
    },
  };
}

/** Overlaid histograms of integer values (e.g. node degrees), one bar series per label, with a marked value. */
export function histogram(title: string, xLabel: string, series: Record<string, number[]>, mark?: { x: number; label: string }): Buffer {
  const all = Object.values(series).flat();
  const max = Math.max(0, ...all.map(Math.round), mark ? Math.ceil(mark.x) + 1 : 0); // keep the marked value in view
  const labels = Array.from({ length: max + 1 }, (_, i) => i);
  const datasets = Object.entries(series).map(([label, xs], i) => ({
    label, data: labels.map((v) => xs.filter((x) => Math.round(x) === v).length), backgroundColor: `${PALETTE[i % PALETTE.length]}aa`,
  }));
  return renderPng({
    type: 'bar',
    data: { labels, datasets },
    options: {
      plugins: { title: { display: true, text: title } },
      scales: { x: { title: { display: true, text: xLabel } }, y: { title: { display: true, text: 'count' } } },
    },
  }, W, H, mark ? [markers([{ x: mark.x, label: mark.label, color: '#000000' }])] : []);
}

/** Point clouds in two dimensions, one colour per series (e.g. a 2-D projection before and after). */
export function scatter(title: string, series: Record<string, [number, number][]>, axes: [string, string] = ['PC1', 'PC2']): Buffer {
  const datasets = Object.entries(series).map(([label, pts], i) => ({
    label, data: pts.map(([x, y]) => ({ x, y })), backgroundColor: `${PALETTE[i % PALETTE.length]}99`, pointRadius: 2.5,
  }));
  return renderPng({
    type: 'scatter',
    data: { datasets },
    options: {
      plugins: { title: { display: true, text: title } },
      scales: { x: { title: { display: true, text: axes[0] } }, y: { title: { display: true, text: axes[1] } } },
    },
  });
}

/** Line profiles over a shared x axis (e.g. a log-density over test-accuracy bins), one line per series; dashed where the label says so. */
export function profiles(title: string, axes: [string, string], x: number[], series: Record<string, { y: number[]; colour: number; dashed?: boolean }>): Buffer {
  const datasets = Object.entries(series).map(([label, s]) => ({
    label, data: x.map((xi, k) => ({ x: xi, y: Number.isFinite(s.y[k]) ? s.y[k] : null })), borderColor: PALETTE[s.colour % PALETTE.length],
    backgroundColor: PALETTE[s.colour % PALETTE.length], borderWidth: 1.5, pointRadius: 3, borderDash: s.dashed ? [6, 4] : [], spanGaps: false,
  }));
  return renderPng({
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      plugins: { title: { display: true, text: title }, legend: { display: Object.keys(series).length <= 16, labels: { boxWidth: 12 } } },
      scales: { x: { type: 'linear', title: { display: true, text: axes[0] } }, y: { title: { display: true, text: axes[1] } } },
    },
  });
}

/** A tuning curve: the median objective over the tuning seeds at each grid value (triangles: censored), the chosen value ringed. */
export function tuningCurve(t: { name: string; objective: string; best: unknown; table: { value: unknown; median: number }[] }): Buffer {
  const labels = t.table.map((r) => tuneValueLabel(r.value));
  const finite = t.table.map((r) => r.median).filter(Number.isFinite);
  const top = finite.length ? Math.max(...finite) * 1.5 : 1;
  const at = (r: { median: number }) => (Number.isFinite(r.median) ? r.median : top);
  const pts = (pick: (r: { value: unknown; median: number }) => boolean) => t.table.map((r, i) => (pick(r) ? { x: i, y: at(r) } : null)).filter((p) => p !== null);
  return renderPng({
    type: 'scatter',
    data: {
      datasets: [
        { label: `median ${t.objective}`, data: pts((r) => Number.isFinite(r.median)), showLine: true, borderColor: PALETTE[0], backgroundColor: PALETTE[0], pointRadius: 5 },
        { label: 'never reached (censored)', data: pts((r) => !Number.isFinite(r.median)), backgroundColor: PALETTE[1], pointStyle: 'triangle', pointRadius: 8 },
        { label: `chosen: ${tuneValueLabel(t.best)}`, data: pts((r) => r.value === t.best), backgroundColor: '#00000000', borderColor: '#000000', pointRadius: 11, borderWidth: 2 },
      ],
    },
    options: {
      plugins: { title: { display: true, text: `tuning: ${t.name} (median over the tuning seeds)` } },
      scales: {
        x: { min: -0.5, max: labels.length - 0.5, ticks: { callback: (v) => labels[Number(v)] ?? '' }, afterBuildTicks: (axis) => { axis.ticks = labels.map((_, i) => ({ value: i })); }, title: { display: true, text: t.name } },
        y: { type: 'logarithmic', title: { display: true, text: `median ${t.objective}` } },
      },
    },
  });
}

/** For a sampler arm (Wang–Landau): mean test accuracy of the sampled states per energy bin, one line per seed. */
export function samplerCurves(arm: string, runs: Trajectory[], firstSeed = 0): Buffer {
  const datasets = runs.map((t, i) => ({
    label: `seed ${firstSeed + i}`, data: t.evals.filter((e) => Number.isFinite(e.testAcc)).map((e) => ({ x: e.trainLoss, y: e.testAcc })),
    borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], borderWidth: 1.5, pointRadius: 3,
  }));
  return renderPng({
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      plugins: { title: { display: true, text: `${arm}: mean test accuracy of sampled states vs training loss (energy bin)` }, legend: { display: false } },
      scales: { x: { type: 'linear', title: { display: true, text: 'training loss E' } }, y: { min: 0, max: 1, title: { display: true, text: 'test accuracy' } } },
    },
  });
}
