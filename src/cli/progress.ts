/** A one-line progress display on stderr: redrawn in place on a terminal, every ~10% otherwise. */
export function progressLine(total: number, label = ''): { update(done: number, text: string): void; end(text?: string): void } {
  const tty = process.stderr.isTTY;
  const t0 = Date.now();
  let lastDecile = -1;
  return {
    update(done, text) {
      const frac = total > 0 ? done / total : 1;
      const elapsed = (Date.now() - t0) / 1000;
      const eta = frac > 0 ? elapsed * (1 - frac) / frac : NaN;
      const width = 24, filled = Math.round(frac * width);
      const line = `${label}[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} ${text} ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '?'}`;
      if (tty) process.stderr.write(`\r${line.slice(0, process.stderr.columns ? process.stderr.columns - 1 : 160)}\x1b[K`);
      else if (Math.floor(frac * 10) > lastDecile) { lastDecile = Math.floor(frac * 10); process.stderr.write(`${line}\n`); }
    },
    end(text) {
      if (tty) process.stderr.write('\r\x1b[K');
      if (text) process.stderr.write(`${text}\n`);
    },
  };
}
