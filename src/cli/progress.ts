/** A one-line progress display on stderr, redrawn in place; only ever used on a TTY. */
import type { OutputStream } from './io.js';

export interface Progress {
  update(done: number, total: number, errors: number): void;
  done(): void;
}

export function createProgress(stream: OutputStream, now: () => number = () => performance.now()): Progress {
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(done, total, errors) {
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      const rate = done / Math.max((t - started) / 1000, 1e-3);
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      stream.write(`\r\u001b[2Kreprint: ${done}/${total} pages, ${rate.toFixed(0)} pages/s, ${errors} errors, ETA ${eta}s`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
