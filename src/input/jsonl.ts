/**
 * JSON Lines exports (`.jsonl`, `.ndjson`, and the same names with `.gz`): one page per line, a
 * JSON object with a URL, the page as HTML or as text, and optionally a title and a date.
 *
 * - readJsonl(text, ...) reads text the caller has already decompressed and decoded.
 * - readJsonlBytes(bytes, ...) takes the file's bytes: it gunzips them when they start with the
 *   gzip magic (whatever the name; bounded by maxBytes; a truncated .gz yields the lines before the
 *   cut and one error item) and decodes each line as UTF-8.
 *
 * Each field is looked up through a list of candidate names, each a key or a dotted path
 * (`meta.url`, `pages.0.html`); the first candidate holding a non-empty value wins. HTML wins over
 * text when a line has both. A text field whose value starts like HTML (`<p>`, `<div>`,
 * `<!doctype html>`...) is read as HTML; an array of strings is joined with blank lines.
 * A line that is not a JSON object is an error item `<file>:<line>`; a line with no HTML or text
 * is skipped (`no-content`); blank lines are ignored.
 */
import zlib from 'node:zlib';
import { countSkip, emptyStats, type CrawlItem, type CrawlRecord, type CrawlStats } from './records.js';
import { sniffHtml } from './warc.js';

export function isJsonlName(name: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(name);
}

export interface JsonlFields {
  url: string[];
  html: string[];
  text: string[];
  title: string[];
  date: string[];
}

/** Field options: per field one candidate (key or dotted path) or a list of them. */
export type JsonlFieldOptions = { [K in keyof JsonlFields]?: string | readonly string[] };

export const DEFAULT_JSONL_FIELDS: JsonlFields = {
  url: ['url', 'uri', 'link', 'canonical_url', 'article_url', 'warc_target_uri'],
  html: ['html', 'raw_html', 'rawHtml', 'html_content', 'content_html', 'body_html', 'page_html'],
  // `content` and `body` hold HTML in some exports: such values are sniffed and read as HTML
  text: ['text', 'content', 'content_original', 'body', 'maintext', 'article', 'article_text', 'plain_text', 'content_text'],
  title: ['title', 'headline'],
  date: [
    'date', 'published', 'date_published', 'datePublished', 'published_at', 'publishedAt', 'publish_date',
    'date_publish', 'published_date', 'pubdate',
  ],
};

function resolveFields(fields: JsonlFieldOptions | undefined): JsonlFields {
  const out = { ...DEFAULT_JSONL_FIELDS };
  if (fields === undefined) return out;
  for (const key of Object.keys(out) as Array<keyof JsonlFields>) {
    const v = fields[key];
    if (v === undefined) continue;
    out[key] = typeof v === 'string' ? [v] : [...v];
  }
  return out;
}

/** `obj[path]` if that key exists, else the value at a dotted path, else undefined. */
function lookup(obj: unknown, path: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  if (Object.hasOwn(obj, path)) return (obj as Record<string, unknown>)[path];
  if (!path.includes('.')) return undefined;
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
    const joined = (v as string[]).join('\n\n');
    return joined.trim() === '' ? null : joined;
  }
  return null;
}

function first<T>(obj: unknown, names: readonly string[], pick: (v: unknown) => T | null): { value: T; name: string } | null {
  for (const name of names) {
    const v = pick(lookup(obj, name));
    if (v !== null) return { value: v, name };
  }
  return null;
}

const asString = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const asDate = (v: unknown): string | null => (typeof v === 'number' && Number.isFinite(v) ? String(v) : asString(v));

type LineResult = CrawlItem | { skip: string };

function readLine(line: string, lineNo: number, displayPath: string, f: JsonlFields): LineResult {
  const id = `${displayPath}:${lineNo}`;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return { type: 'error', id, message: `line ${lineNo}: invalid JSON (${(e as Error).message})` };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return { type: 'error', id, message: `line ${lineNo}: not a JSON object` };
  }
  const html = first(obj, f.html, asText);
  const text = html === null ? first(obj, f.text, asText) : null;
  const content = html ?? text;
  if (content === null) return { skip: 'no-content' };
  const kind: CrawlRecord['kind'] = html !== null || sniffHtml(content.value) ? 'html' : 'text';
  const rec: CrawlRecord = {
    id,
    url: first(obj, f.url, asString)?.value ?? null,
    kind,
    body: Buffer.from(content.value, 'utf8'),
    text: content.value,
    // the body is the JSON string encoded as UTF-8, whatever a <meta charset> inside it says
    charset: 'utf-8',
    title: first(obj, f.title, asString)?.value ?? null,
    date: first(obj, f.date, asDate)?.value ?? null,
  };
  return { type: 'record', ...rec };
}

function* readLines(
  lines: Iterable<{ text: string | null; lineNo: number }>,
  displayPath: string,
  f: JsonlFields,
  stats: CrawlStats,
): Generator<CrawlItem, void, undefined> {
  for (const { text, lineNo } of lines) {
    if (text === null) {
      stats.records++;
      stats.errors++;
      yield { type: 'error', id: `${displayPath}:${lineNo}`, message: `line ${lineNo}: invalid UTF-8` };
      continue;
    }
    if (text.trim() === '') continue;
    stats.records++;
    const r = readLine(text, lineNo, displayPath, f);
    if ('skip' in r) {
      countSkip(stats, r.skip);
      continue;
    }
    if (r.type === 'error') stats.errors++;
    else stats.documents++;
    yield r;
  }
}

function* textLines(text: string): Generator<{ text: string; lineNo: number }> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (pos < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    yield { text: text.slice(pos, end).replace(/\r$/, ''), lineNo };
    if (nl < 0) return;
    pos = nl + 1;
  }
}

/** Reads JSON Lines text (already decompressed and decoded). */
export function* readJsonl(
  text: string,
  displayPath: string,
  fields?: JsonlFieldOptions,
): Generator<CrawlItem, CrawlStats, undefined> {
  const stats = emptyStats();
  yield* readLines(textLines(text), displayPath, resolveFields(fields), stats);
  return stats;
}

export interface JsonlBytesOptions {
  /** Largest decompressed size of a .jsonl.gz */
  maxBytes: number;
  fields?: JsonlFieldOptions;
}

/**
 * Reads a JSON Lines file's bytes: gunzips them when they start with the gzip magic bytes
 * (bounded by maxBytes), then decodes each line as UTF-8 (a line that is not valid UTF-8 is an
 * error item).
 */
export function* readJsonlBytes(
  data: Uint8Array,
  displayPath: string,
  opts: JsonlBytesOptions,
): Generator<CrawlItem, CrawlStats, undefined> {
  const stats = emptyStats();
  let bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let gzipProblem: string | null = null;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: opts.maxBytes });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE') {
        gzipProblem = `gzip data expands past the ${opts.maxBytes}-byte limit`;
        bytes = Buffer.alloc(0);
      } else if (err.code === 'Z_BUF_ERROR') {
        gzipProblem = 'gzip data ends unexpectedly (file truncated)';
        try {
          bytes = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: opts.maxBytes });
        } catch {
          bytes = Buffer.alloc(0);
        }
        // the last, cut line is part of the damage
        const lastNl = bytes.lastIndexOf(0x0a);
        bytes = bytes.subarray(0, lastNl + 1);
      } else {
        gzipProblem = `corrupt gzip data (${err.message})`;
        bytes = Buffer.alloc(0);
      }
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let lineCount = 0;
  function* byteLines(b: Buffer): Generator<{ text: string | null; lineNo: number }> {
    let pos = 0;
    while (pos < b.length) {
      const nl = b.indexOf(0x0a, pos);
      const end = nl < 0 ? b.length : nl;
      lineCount++;
      let text: string | null;
      try {
        // the decoder drops a BOM at the start of each line it decodes; only line 1 may have one
        text = decoder.decode(b.subarray(pos, end)).replace(/\r$/, '');
      } catch {
        text = null;
      }
      yield { text, lineNo: lineCount };
      if (nl < 0) break;
      pos = nl + 1;
    }
  }
  yield* readLines(byteLines(bytes), displayPath, resolveFields(opts.fields), stats);
  if (gzipProblem !== null) {
    stats.errors++;
    const lineNo = lineCount + 1;
    yield { type: 'error', id: `${displayPath}:${lineNo}`, message: `${gzipProblem}; lines from ${lineNo} on are missing` };
  }
  return stats;
}
