/**
 * `reprint explain` output: what two pages share and what each has alone, on the text scan
 * compares. Schema: schema/explain.schema.json.
 */
import type { Passage } from '../../match/align.js';
import type { ExtractedPage } from '../extract/types.js';

export const EXPLAIN_SCHEMA = 'reprint/explain@1';

/** A page as `explain` shows it: what `extract` shows, less the text (the passages carry it). */
export type ExplainedPage = Omit<ExtractedPage, 'text'>;

export interface ExplainReport {
  schema: typeof EXPLAIN_SCHEMA;
  a: ExplainedPage;
  b: ExplainedPage;
  /** Words per shingle that jaccard and containment were measured with. */
  shingleSize: number;
  /** Exact shingle-set Jaccard, rounded as scan rounds it. */
  jaccard: number;
  /** Share of the shorter text's shingles found in the longer one, rounded. */
  containment: number;
  shared: Passage[];
  onlyA: Passage[];
  onlyB: Passage[];
}
