/** A one-line progress display on stderr, redrawn in place; only ever used on a TTY. */
import type { OutputStream } from './io.js';

export interface Progress {
  /** total: null when unknown (a crawl file holds many pages): then no ETA. */
  update(done: number, total: number | null, errors: number): void;
  /** A step after reading, shown until the next update or done(). */
  phase(text: string): void;
  done(): void;
}

export function createProgress(stream: OutputStream, now: () => number = () => performance.now()): Progress {
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(done, total, errors) {
      const t = now();
      if ((total === null || done < total) && t - last < 100) return;
      last = t;
      const rate = done / Math.max((t - started) / 1000, 1e-3);
      const of = total === null ? `${done} pages` : `${done}/${total} pages`;
      const eta = total !== null && rate > 0 ? `, ETA ${Math.ceil((total - done) / rate)}s` : '';
      stream.write(`\r\u001b[2Kreprint: ${of}, ${rate.toFixed(0)} pages/s, ${errors} errors${eta}`);
      shown = true;
    },
    phase(text) {
      stream.write(`\r\u001b[2Kreprint: ${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
