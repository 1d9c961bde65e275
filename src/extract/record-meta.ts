import { isoDateOf } from './dates.js';
import type { Article } from './types.js';

/** What a crawl record says about itself (title, date) fills what the page does not say. */
export function withRecordMeta(x: Article, record: { title: string | null; date: string | null } | undefined): Article {
  if (record === undefined) return x;
  const title = x.title ?? (record.title !== null ? record.title.trim() || null : null);
  const published = x.published ?? (record.date !== null ? isoDateOf(record.date) : null);
  return title === x.title && published === x.published ? x : { ...x, title, published };
}
