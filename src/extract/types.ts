import type { PageMeta } from '../page.js';

/** What extraction yields for one page: the article text and what the page says about itself. */
export interface Article extends Omit<PageMeta, 'path' | 'url'> {
  /** The article text compared between pages: one paragraph a line. */
  text: string;
  /** How the text was obtained. */
  method: 'plaintext' | 'readability' | 'json-ld' | 'body-text' | 'script-data';
  /** The source an attribution line credits ("Republished from X", "Source: X"), which extraction removes from the text. */
  credit: string | null;
}
