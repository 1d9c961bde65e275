/**
 * `reprint extract` output: what reprint compares for each page, so a user can see why two
 * pages matched or did not. Schema: schema/extract.schema.json.
 */
import type { Article } from '../../extract/types.js';
import type { PageError, PageMeta } from '../../page.js';

export const EXTRACT_SCHEMA = 'reprint/extract@1';

/** A page as `extract` shows it: what extraction found, where it came from, how long it is. */
export interface ExtractedPage extends PageMeta, Pick<Article, 'method' | 'credit' | 'text'> {
  words: number;
}

export interface ExtractReport {
  schema: typeof EXTRACT_SCHEMA;
  summary: { pages: number; errors: number; elapsedMs: number };
  pages: ExtractedPage[];
  errors: PageError[];
}
