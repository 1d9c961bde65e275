/** The scan report: the shape of `--format json` (schema/scan.schema.json documents it). */
import type { Document, PageError } from '../../page.js';

export const SCAN_SCHEMA = 'reprint/scan@1';

export interface ScanParams {
  scheme: string;
  seed: number;
  numPerm: number;
  shingleSize: number;
  threshold: number;
  containment: number;
  /** Jaccard the LSH bands are tuned to catch: the lower of threshold and an excerpt's. */
  lshThreshold: number;
  bands: number;
  rows: number;
  minWords: number;
  dom: string;
  /** Whether lines recurring across one outlet's pages were removed. */
  templates: boolean;
}

/** A copy in a cluster: its metadata and length, and how much it shares with the representative. */
export interface ReportMember extends Omit<Document, 'contentHash'> {
  /** Jaccard similarity of word shingles with the representative. */
  similarity: number;
  /** Share of the shorter text's shingles found in the longer one (member vs representative). */
  containment: number;
  /** Days after the cluster's earliest copy this one was published (0 for it); null when undated. */
  lagDays: number | null;
  /** Whether its title differs from the earliest copy's (normalised); null when either has no title. */
  headlineChanged: boolean | null;
}

export interface ReportCluster {
  id: string;
  size: number;
  representative: string;
  earliest: string | null;
  dateSpanDays: number | null;
  members: ReportMember[];
}

interface ScanSummary {
  documents: number;
  clusters: number;
  duplicates: number;
  errors: number;
  elapsedMs: number;
}

export interface ScanReport {
  schema: typeof SCAN_SCHEMA;
  params: ScanParams;
  summary: ScanSummary;
  clusters: ReportCluster[];
  errors: PageError[];
}
