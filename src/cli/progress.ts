/** A one-line progress display on stderr, redrawn in place; only ever used on a terminal. */
import type { RunProgress } from '../commands/hooks.js';
import type { OutputStream } from './io.js';

export interface Progress {
  update(progress: RunProgress): void;
  /** A step after reading, shown until the next update or done(). */
  phase(text: string): void;
  done(): void;
}

/** Redraws at most this often: a terminal need not be rewritten for every page. */
const REDRAW_MS = 100;

/** Bytes in decimal units, as file managers show sizes: 512 B, 4.1 kB, 12 MB, 1.3 GB. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The progress line without its prefix, given the seconds since the run started. */
export function progressText(p: RunProgress, seconds: number): string {
  const elapsed = Math.max(seconds, 1e-3);
  const rate = `${(p.pages / elapsed).toFixed(0)} pages/s`;
  const errors = `${p.errors} ${p.errors === 1 ? 'error' : 'errors'}`;
  if (p.totalPages !== null) {
    const eta = p.pages > 0 ? `, ETA ${Math.ceil((p.totalPages - p.pages) / (p.pages / elapsed))}s` : '';
    return `${p.pages}/${p.totalPages} pages, ${rate}, ${errors}${eta}`;
  }
  const pages = `${p.pages} ${p.pages === 1 ? 'page' : 'pages'}`;
  if (p.bytes === null) return `${pages}, ${rate}, ${errors}`;
  const { read, total } = p.bytes;
  if (total === null) return `${pages}, ${formatBytes(read)} read, ${rate}, ${errors}`;
  // Crawl files hide their page count: how much of the input is read says how far the run is.
  const share = total === 0 ? 1 : Math.min(read / total, 1);
  const eta = read > 0 ? `, ETA ${Math.ceil((total - read) / (read / elapsed))}s` : '';
  return `${pages}, ${Math.floor(share * 100)}% of ${formatBytes(total)}, ${rate}, ${errors}${eta}`;
}

export function createProgress(stream: OutputStream, now: () => number = () => performance.now()): Progress {
  const started = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      const t = now();
      const finished = p.totalPages !== null && p.pages >= p.totalPages;
      if (!finished && t - last < REDRAW_MS) return;
      last = t;
      stream.write(`\r\u001b[2Kreprint: ${progressText(p, (t - started) / 1000)}`);
      shown = true;
    },
    phase(text) {
      stream.write(`\r\u001b[2Kreprint: ${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
