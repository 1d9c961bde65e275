import type { StoreHooks } from '../index/store.js';
import type { PageError } from '../page.js';

/** What a command reports while it runs, and what a caller (the CLI, a test) passes in. */
export interface RunHooks {
  /** Paths are read and shown relative to this folder. */
  cwd: string;
  /** Called for each file that becomes an entry in `errors`, as it happens. */
  onError?: (error: PageError) => void;
  /** Called after each page. total: null when unknown (a crawl file holds many pages). */
  onProgress?: (done: number, total: number | null, errors: number) => void;
  /** Called when reading is over and the run moves on (signing, clustering). */
  onPhase?: (phase: string) => void;
  now?: () => number;
  /** Passed to the index store (tests stop a write at its commit point). */
  storeHooks?: StoreHooks;
}

/** Milliseconds since the run started, by the hooks' clock. */
export function stopwatch(hooks: RunHooks): () => number {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  return () => Math.round(now() - started);
}
