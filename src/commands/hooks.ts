import type { StoreHooks } from '../index/store.js';
import type { InputFile, StdinSource } from '../input/discover.js';
import type { PageError } from '../page.js';
import { measureInputs } from '../runtime/input-bytes.js';
import { pageTotal, type CollectHooks } from '../runtime/pages.js';

/** How far a run has got through its pages. */
export interface RunProgress {
  pages: number;
  errors: number;
  /** Pages the run will read, when the files say so: null once a crawl file holds many. */
  totalPages: number | null;
  /** Without a page total: input bytes read (compressed for .gz) and their total (null when a pipe hides it). */
  bytes: { read: number; total: number | null } | null;
}

/** What a command reports while it runs, and what a caller (the CLI, a test) passes in. */
export interface RunHooks {
  /** Paths are read and shown relative to this folder. */
  cwd: string;
  /** Called for each file that becomes an entry in `errors`, as it happens. */
  onError?: (error: PageError) => void;
  /** Called for each page read with a repair (broken UTF-8 replaced): it is used, not in `errors`. */
  onWarning?: (warning: PageError) => void;
  /** Called after each page. */
  onProgress?: (progress: RunProgress) => void;
  /** Called when reading is over and the run moves on (signing, clustering). */
  onPhase?: (phase: string) => void;
  now?: () => number;
  /** Passed to the index store (tests stop a write at its commit point). */
  storeHooks?: StoreHooks;
  /** What the path `-` and `--files-from -` read. */
  stdin?: StdinSource;
}

/**
 * The hooks a command reads its files with: errors as they happen, and progress by pages, or by
 * bytes when crawl files hide how many pages there are (their sizes are only looked up then, and
 * only when someone listens).
 */
export async function readingHooks(hooks: RunHooks, files: readonly InputFile[]): Promise<CollectHooks> {
  const onProgress = hooks.onProgress;
  if (onProgress === undefined) return { onError: hooks.onError, onWarning: hooks.onWarning };
  const totalPages = pageTotal(files);
  const inputBytes = totalPages === null ? await measureInputs(files) : undefined;
  return {
    onError: hooks.onError,
    onWarning: hooks.onWarning,
    onProgress: (pages, errors) =>
      onProgress({ pages, errors, totalPages, bytes: inputBytes !== undefined ? { read: inputBytes.read, total: inputBytes.total } : null }),
    ...(inputBytes !== undefined ? { inputBytes } : {}),
  };
}

/** Milliseconds since the run started, by the hooks' clock. */
export function stopwatch(hooks: RunHooks): () => number {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  return () => Math.round(now() - started);
}
