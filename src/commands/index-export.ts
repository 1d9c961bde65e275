/** `reprint index export`: the index as Parquet files, for SQL engines and Spark (docs/parquet.md). */
import path from 'node:path';
import type { IndexExportReport } from '../report/index/types.js';
import { exportParquet } from '../stores/parquet-export.js';
import { stopwatch, type RunHooks } from './hooks.js';
import { withStore, type IndexTarget } from './index-session.js';

export { ExportWriteError } from '../stores/parquet-export.js';

export interface IndexExportOptions extends IndexTarget {
  /** The folder written (--output), as given: relative to the run's folder. */
  output: string;
  /** Only documents of these crawl labels; null: every document. */
  labels: string[] | null;
  /** Add each content's shingle set. */
  shingleSets: boolean;
}

export async function runIndexExport(options: IndexExportOptions, hooks: RunHooks): Promise<IndexExportReport> {
  const elapsed = stopwatch(hooks);
  return withStore(options, hooks, false, async (store) => {
    const written = await exportParquet(store, { dir: path.resolve(hooks.cwd, options.output), labels: options.labels, shingleSets: options.shingleSets });
    const shown = (file: string) => path.join(options.output, path.basename(file));
    return {
      schema: 'reprint/index-export@1',
      index: { location: store.location },
      format: 'parquet',
      labels: options.labels,
      params: written.params,
      files: {
        documents: { path: shown(written.documents.path), rows: written.documents.rows },
        contents: { path: shown(written.contents.path), rows: written.contents.rows },
      },
      elapsedMs: elapsed(),
    };
  });
}
