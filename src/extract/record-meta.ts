import { isoDateOf } from './dates.js';
import { siteOf } from './site.js';
import type { Article } from './types.js';

/** What a crawl record says about its page, beside the page itself. */
export interface RecordMeta {
  title: string | null;
  date: string | null;
  outlet: string | null;
  /** The export's own id for the page (CrawlRecord.recordId). */
  recordId: string | null;
}

/**
 * A page with what its crawl record says. The outlet, by precedence: the record's outlet field
 * (whoever built the export knew where each page came from), else the outlet the page names
 * (masthead, og:site_name, JSON-LD publisher), else the site of the page's URL (site.ts). The
 * record's title and date fill in what the page does not say; its id is kept.
 */
export function withRecordMeta(x: Article, record: RecordMeta | undefined, url: string | null): Article {
  const recordTitle = record?.title ?? null;
  const recordDate = record?.date ?? null;
  const title = x.title ?? (recordTitle !== null ? recordTitle.trim() || null : null);
  const published = x.published ?? (recordDate !== null ? isoDateOf(recordDate) : null);
  const outlet = record?.outlet ?? x.outlet ?? siteOf(url);
  const id = record?.recordId ?? undefined;
  if (title === x.title && published === x.published && outlet === x.outlet && id === undefined) return x;
  return { ...x, title, published, outlet, ...(id !== undefined ? { id } : {}) };
}
