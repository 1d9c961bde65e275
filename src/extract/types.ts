/** What extraction yields for one page: the article text and what the page says about itself. */
export interface ExtractedDocument {
  title: string | null;
  outlet: string | null;
  byline: string | null;
  /** The dateline as printed on the page, e.g. "Tuesday, Feb 03, 2026". */
  dateline: string | null;
  /** Publication date as an ISO calendar date (YYYY-MM-DD). */
  published: string | null;
  /** Language the page declares (BCP 47 primary tag, lower case), e.g. "en", "ar". */
  lang: string | null;
  /** The article text compared between pages: one paragraph a line. */
  text: string;
  /** How the text was obtained. */
  method: 'plaintext' | 'readability' | 'json-ld' | 'body-text' | 'script-data';
}
