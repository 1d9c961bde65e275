/**
 * Shared types for crawler outputs (WARC/ARC files and JSON Lines exports): each readable page is
 * a CrawlRecord, each damaged part of a file a CrawlRecordError. The readers are generators that
 * yield CrawlItems in file order and *return* a CrawlStats when they finish.
 */

interface CrawlRecordFields {
  /**
   * Display id: `<file>#<offset>` for WARC/ARC, `<file>:<line>` for JSONL. The caller passes the
   * file's display path. In a compressed WARC whose gzip members hold more than one record (not
   * "one member per record"), a record that starts inside a member is `<file>#<member>+<skip>`:
   * decompress the member at byte `<member>` of the file and skip `<skip>` decompressed bytes.
   */
  id: string;
  url: string | null;
  kind: 'html' | 'text';
  /** charset declared by HTTP Content-Type, if any */
  charset: string | null;
  title?: string | null;
  /** as given (JSONL) or WARC-Date / ARC date (ISO string) */
  date?: string | null;
  /** The outlet the export names (JSONL `outlet`, `source`, ...): it outranks what the page says. */
  outlet?: string | null;
  /** The id the export gives the page (JSONL `id`, `_id`, ...); `id` above says where the record is. */
  recordId?: string | null;
  /**
   * Byte offset of the record in the file as stored: for .warc.gz/.arc.gz the compressed offset of
   * the gzip member the record starts in (what Common Crawl indexes give), else the offset of the
   * record's first header byte.
   */
  offset?: number;
}

/**
 * A page record: its payload as bytes (WARC/ARC: the body after HTTP de-chunking and content
 * decoding, not yet charset-decoded), or as text (JSON Lines: the field's string, never encoded
 * to bytes on the reading thread).
 */
export type CrawlRecord = CrawlRecordFields & ({ body: Uint8Array; text?: undefined } | { text: string; body?: undefined });

export interface CrawlRecordError {
  /** Same form as CrawlRecord.id: where the damage starts. */
  id: string;
  message: string;
}

export type CrawlItem = ({ type: 'record' } & CrawlRecord) | ({ type: 'error' } & CrawlRecordError);

/**
 * What a reader saw. `records`: record headers read (WARC/ARC records, non-blank JSONL lines),
 * whether they became documents, were skipped or were reported as errors. `documents`: CrawlRecords
 * yielded. `skipped`: records left out, by reason (e.g. `request`, `revisit`, `non-html-response`).
 * `errors`: error items yielded (a damaged record, undecodable gzip data, garbage between records).
 */
export interface CrawlStats {
  records: number;
  documents: number;
  skipped: Record<string, number>;
  errors: number;
}

export function emptyStats(): CrawlStats {
  return { records: 0, documents: 0, skipped: {}, errors: 0 };
}

export function countSkip(stats: CrawlStats, reason: string): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
}

/** Runs a reader to the end: every item in order, and the stats it returned. */
export function collect(gen: Generator<CrawlItem, CrawlStats, undefined>): { items: CrawlItem[]; stats: CrawlStats } {
  const items: CrawlItem[] = [];
  for (;;) {
    const next = gen.next();
    if (next.done) return { items, stats: next.value };
    items.push(next.value);
  }
}
