/** The check report: the shape of `reprint check --format json` (schema/check.schema.json). */
import type { Document, PageError, PageMeta } from '../../page.js';
import type { IndexedDocument, IndexParams } from '../../index/store.js';

export const CHECK_SCHEMA = 'reprint/check@1';

/** A page of the index that a new page copies: its stored record, and how much they share. */
export interface IndexedCopy extends Omit<IndexedDocument, 'contentHash' | 'credit' | 'id'> {
  /** Jaccard with the new page: exact on the stored shingle set, else estimated from the two signatures (exactly 1 for equal content). */
  similarity: number;
  /** Share of the shorter text inside the longer: exact, or estimated from the Jaccard and both sizes. */
  containment: number;
}

/** Another page of the same check that the page copies (measured exactly on shingles). */
export interface NewCopy extends Pick<PageMeta, 'path' | 'id' | 'url' | 'outlet' | 'published'> {
  similarity: number;
  containment: number;
}

/** A new page with copies, in the index or among the new pages. */
export interface CheckFinding extends Omit<Document, 'credit'> {
  /** Copies already in the index, most similar first. */
  indexed: IndexedCopy[];
  /** Copies among the pages of this check, most similar first. */
  new: NewCopy[];
  /**
   * The earliest dated copy of the article among this page and all its copies (indexed and new):
   * a locator (URL or path), or null when none is dated.
   */
  earliest: string | null;
  /** Whether an indexed copy is dated earlier than this page (or this page is undated). */
  indexedEarlier: boolean;
}

interface CheckSummary {
  /** Pages read and sketched. */
  pages: number;
  /** Pages not already in the index with the same content at the same path or URL. */
  new: number;
  /** Pages the index already holds unchanged (not checked). */
  unchanged: number;
  /** New pages that copy an indexed page. */
  copiesOfIndexed: number;
  /** New pages with a copy among the new pages (only). */
  copiesAmongNew: number;
  /** New pages with any copy: copiesOfIndexed + copiesAmongNew. */
  duplicates: number;
  /** duplicates / new (0 when nothing is new). */
  ratio: number;
  errors: number;
  /** Whether the check failed its gate (exit 1), and why. */
  failed: boolean;
  reasons: string[];
  /** What --update wrote, or null without --update. */
  update: { added: number; replaced: number; unchanged: number } | null;
  elapsedMs: number;
}

export interface CheckReport {
  schema: typeof CHECK_SCHEMA;
  params: IndexParams & { threshold: number; containment: number; minWords: number; dom: string; templates: boolean };
  index: { location: string; documents: number };
  summary: CheckSummary;
  /** Pages with copies, by path. */
  findings: CheckFinding[];
  errors: PageError[];
}
