/** Reports of `reprint index add | remove | stats | export`. */
import type { IndexParams, IndexStats } from '../../index/store.js';
import type { PageError } from '../../page.js';

export interface IndexAddReport {
  schema: 'reprint/index-add@1';
  index: { location: string; documents: number; contents: number };
  label: string | null;
  params: IndexParams;
  summary: { pages: number; added: number; replaced: number; unchanged: number; errors: number; elapsedMs: number };
  errors: PageError[];
}

export interface IndexRemoveReport {
  schema: 'reprint/index-remove@1';
  index: { location: string; documents: number; contents: number };
  removed: string[];
  summary: { removed: number };
}

export type IndexStatsReport = { schema: 'reprint/index-stats@1' } & IndexStats;

export interface IndexExportReport {
  schema: 'reprint/index-export@1';
  index: { location: string };
  format: 'parquet';
  /** The crawl labels exported, or null for every document. */
  labels: string[] | null;
  /** The index's sketch settings (also in each file's metadata); null for an empty, new index. */
  params: IndexParams | null;
  /** Paths as given with --output. */
  files: { documents: { path: string; rows: number }; contents: { path: string; rows: number } };
  elapsedMs: number;
}

export type IndexReport = IndexAddReport | IndexRemoveReport | IndexStatsReport | IndexExportReport;
