/** Where a progress line goes: process.stderr, or a test's fake stream. */
export interface ProgressStream {
  write(text: string): unknown;
  /** A terminal: the line is redrawn in place. Otherwise (a file, a CI log) one line is printed per 10%. */
  isTTY?: boolean;
  columns?: number;
}

/**
 * A one-line progress display: redrawn in place on a terminal; elsewhere one line at 0%, 10%, …, 100%, so a log
 * of a long run (grokcheck train updates at every evaluation) holds eleven lines, not one per update.
 */
export function progressLine(total: number, label = '', stream: ProgressStream = process.stderr): { update(done: number, text: string): void; end(text?: string): void } {
  const tty = stream.isTTY === true;
  const t0 = Date.now();
  let lastDecile = -1;
  return {
    update(done, text) {
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const elapsed = (Date.now() - t0) / 1000;
      const eta = frac > 0 ? elapsed * (1 - frac) / frac : NaN;
      const width = 24, filled = Math.round(frac * width);
      const line = `${label}[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} ${text} ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '?'}`;
      const decile = Math.floor(frac * 10);
      if (tty) stream.write(`\r${line.slice(0, stream.columns ? stream.columns - 1 : 160)}\x1b[K`);
      else if (decile > lastDecile) { lastDecile = decile; stream.write(`${line}\n`); }
    },
    end(text) {
      if (tty) stream.write('\r\x1b[K');
      if (text) stream.write(`${text}\n`);
    },
  };
}
