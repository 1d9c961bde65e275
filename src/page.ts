/**
 * The page vocabulary, one name a stage: an InputFile (input/) or a CrawlItem (a record of a crawl
 * file) is read into a DecodedPage and extracted into an Article; runtime/ carries it as a Page;
 * signing makes it a Document (and a SketchedDocument while its shingles and signature are at
 * hand); reports show Documents as cluster members and check findings, and the index stores them
 * as IndexedDocuments.
 */

/** What is known of a page: where it came from and what it says about itself. */
export interface PageMeta {
  /** Display path: a file path, or `file#offset` for a record of a crawl file. */
  path: string;
  /** The id the input gives the page (a JSON Lines `id`, `_id`, ...); absent when it gives none. */
  id?: string;
  /** The page's URL, where the input names one (crawl archives, JSON Lines). */
  url: string | null;
  outlet: string | null;
  title: string | null;
  byline: string | null;
  /** The dateline as printed on the page, e.g. "Tuesday, Feb 03, 2026". */
  dateline: string | null;
  /** Publication date as an ISO calendar date (YYYY-MM-DD). */
  published: string | null;
  /** Language the page declares (BCP 47 primary tag, lower case), e.g. "en", "ar". */
  lang: string | null;
}

/**
 * Page metadata as lists of pages carry it: cluster members, check findings, index documents.
 * Byline and language are shown by `extract` only (the scan, check and index formats predate them).
 */
export type ListedMeta = Omit<PageMeta, 'byline' | 'lang'>;

/** A signed page as matching and reports know it. */
export interface Document extends ListedMeta {
  /** Words of article text signed (after template lines were removed). */
  words: number;
  /** 16 hex digits: hash of the normalised article text. */
  contentHash: string;
  /** The source the page credits for its text ("Republished from X"): X, or null. */
  credit: string | null;
}

/** A Document with what matching compares: its shingle set and MinHash signature. */
export interface SketchedDocument extends Document {
  shingles: Uint32Array;
  signature: Uint32Array;
}

/** A page's id as a field of a report, or no field: pages the input gives no id keep the output they had. */
export function idOf(meta: Pick<PageMeta, 'id'>): Pick<PageMeta, 'id'> {
  return meta.id !== undefined ? { id: meta.id } : {};
}

/** A page or file that could not be used, and why: one entry of a report's `errors`. */
export interface PageError {
  path: string;
  message: string;
}
