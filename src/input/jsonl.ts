/**
 * JSON Lines exports (`.jsonl`, `.ndjson`, and the same names with `.gz`): one page per line, a
 * JSON object with a URL, the page as HTML or as text, and optionally a title, a date, the outlet
 * and the export's own id for the page.
 *
 * - readJsonl(text, ...) reads text the caller has already decompressed and decoded.
 * - readJsonlBytes(bytes, ...) takes the file's bytes: it gunzips them when they start with the
 *   gzip magic (whatever the name; bounded by maxBytes; a truncated .gz yields the lines before the
 *   cut and one error item) and decodes each line as UTF-8.
 *
 * Each field is looked up through a list of candidate names, each a key or a dotted path
 * (`meta.url`, `pages.0.html`); the first candidate holding a non-empty value wins. HTML wins over
 * text when a line has both. A text field whose value starts like HTML (`<p>`, `<div>`,
 * `<!doctype html>`...) is read as HTML; an array of strings is joined with blank lines. An outlet
 * field holding an object (`"source": {"id": "bbc-news", "name": "BBC News"}`, as news APIs give it)
 * gives its `name` (or `title`); an id may be a string or a number.
 * A line that is not a JSON object is an error item `<file>:<line>`; a line with no HTML or text
 * is skipped (`no-content`); blank lines are ignored.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { fsPath } from './names.js';
import { countSkip, emptyStats, type CrawlItem, type CrawlRecord, type CrawlRecordError, type CrawlStats } from './records.js';
import { sniffHtml } from './sniff.js';

export function isJsonlName(name: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(name);
}

export interface JsonlFields {
  url: string[];
  html: string[];
  text: string[];
  title: string[];
  date: string[];
  outlet: string[];
  id: string[];
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
  outlet: ['outlet', 'source', 'site_name', 'siteName', 'publisher', 'source_name', 'domain'],
  id: ['id', 'ID', '_id', 'uuid', 'doc_id', 'article_id'],
};

function resolveFields(fields: JsonlFieldOptions | undefined): JsonlFields {
  // Resolved for every line a worker parses: the defaults as they are, without a copy.
  if (fields === undefined) return DEFAULT_JSONL_FIELDS;
  const out = { ...DEFAULT_JSONL_FIELDS };
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
/** A string, or a number written out (a date as epoch seconds, a numeric id). */
const asScalar = (v: unknown): string | null => (typeof v === 'number' && Number.isFinite(v) ? String(v) : asString(v));
/** A name, or an object naming one: `{"name": "BBC News"}`. */
const asName = (v: unknown): string | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (asString(lookup(v, 'name')) ?? asString(lookup(v, 'title'))) : asString(v);

type LineResult = CrawlItem | { skip: string };

function readLine(line: string, lineNo: number, id: string, f: JsonlFields): LineResult {
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
    text: content.value,
    // the body is the JSON string encoded as UTF-8, whatever a <meta charset> inside it says
    charset: 'utf-8',
    title: first(obj, f.title, asString)?.value ?? null,
    date: first(obj, f.date, asScalar)?.value ?? null,
    outlet: first(obj, f.outlet, asName)?.value ?? null,
    recordId: first(obj, f.id, asScalar)?.value ?? null,
  };
  return { type: 'record', ...rec };
}

const lineDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A line's bytes as text without its \r, or null when they are not UTF-8. */
function decodeLine(bytes: Uint8Array): string | null {
  try {
    // the decoder drops a BOM at the start of each line it decodes; only line 1 may have one
    const text = lineDecoder.decode(bytes);
    return text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text;
  } catch {
    return null;
  }
}

/** One line as an item (named `id`): null for a blank or skipped line. */
function lineItem(text: string | null, lineNo: number, id: string, f: JsonlFields, stats: CrawlStats): CrawlItem | null {
  if (text === null) {
    stats.records++;
    stats.errors++;
    return { type: 'error', id, message: `line ${lineNo}: invalid UTF-8` };
  }
  if (text.trim() === '') return null;
  stats.records++;
  const r = readLine(text, lineNo, id, f);
  if ('skip' in r) {
    countSkip(stats, r.skip);
    return null;
  }
  if (r.type === 'error') stats.errors++;
  else stats.documents++;
  return r;
}

/**
 * One line of an export as its bytes (a JsonlLine), read as the readers read it: null for a blank
 * line or one skipped for want of content, else a record or an error item. What an extraction
 * worker does with the lines the main thread only splits (readJsonlLines).
 */
export function jsonlLineItem(bytes: Uint8Array, lineNo: number, id: string, fields: JsonlFieldOptions | undefined): CrawlItem | null {
  return lineItem(decodeLine(bytes), lineNo, id, resolveFields(fields), emptyStats());
}

function* readLines(
  lines: Iterable<{ text: string | null; lineNo: number }>,
  displayPath: string,
  f: JsonlFields,
  stats: CrawlStats,
): Generator<CrawlItem, void, undefined> {
  for (const { text, lineNo } of lines) {
    const item = lineItem(text, lineNo, `${displayPath}:${lineNo}`, f, stats);
    if (item !== null) yield item;
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
  let lineCount = 0;
  function* byteLines(b: Buffer): Generator<{ text: string | null; lineNo: number }> {
    let pos = 0;
    while (pos < b.length) {
      const nl = b.indexOf(0x0a, pos);
      const end = nl < 0 ? b.length : nl;
      lineCount++;
      yield { text: decodeLine(b.subarray(pos, end)), lineNo: lineCount };
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

export interface JsonlFileOptions {
  /** Longest line held; a longer one is an error item, skipped without being held. */
  maxLineBytes: number;
  fields?: JsonlFieldOptions;
  /** Told the bytes of the file read so far (compressed bytes for a .gz), as reading goes: for progress. */
  onBytesRead?: (bytes: number) => void;
}

export class JsonlFileError extends Error {}

/**
 * Fails with a JsonlFileError when the file cannot be read. Stat comes before open: opening a
 * FIFO blocks until something writes to it.
 */
async function checkReadable(absPath: string): Promise<void> {
  let handle;
  try {
    const info = await stat(fsPath(absPath));
    if (!info.isFile()) throw new JsonlFileError('not a regular file');
    handle = await open(fsPath(absPath), 'r');
  } catch (e) {
    if (e instanceof JsonlFileError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new JsonlFileError(`cannot read file: ${err.code ?? err.message}`);
  } finally {
    await handle?.close();
  }
}

/**
 * A JSON Lines file, streamed: gunzipped on the fly when it starts with the gzip magic, split into
 * lines as bytes arrive. Memory holds one line (up to maxLineBytes) and a read buffer, whatever the
 * file's size. A cut or corrupt .gz, or a read error part way, yields the lines before it and one
 * error item naming the first line lost. Throws JsonlFileError when the file cannot be opened.
 */
export async function* readJsonlFile(absPath: string, displayPath: string, opts: JsonlFileOptions): AsyncGenerator<CrawlItem, CrawlStats, undefined> {
  await checkReadable(absPath);
  return yield* readJsonlStream(createReadStream(fsPath(absPath), { highWaterMark: 1 << 20 }), displayPath, opts);
}

/** readJsonlFile's lines, not yet decoded (readJsonlLines). Throws JsonlFileError when the file cannot be opened. */
export async function* readJsonlFileLines(absPath: string, displayPath: string, opts: Pick<JsonlFileOptions, 'maxLineBytes' | 'onBytesRead'>): AsyncGenerator<JsonlLine | JsonlLinesError, void, undefined> {
  await checkReadable(absPath);
  yield* readJsonlLines(createReadStream(fsPath(absPath), { highWaterMark: 1 << 20 }), displayPath, opts);
}

/** A line of a JSON Lines export as read, not yet decoded: what readJsonlLines yields besides errors. */
export interface JsonlLine {
  type: 'line';
  /** `<file>:<line>`, as the line's record or error is named. */
  id: string;
  lineNo: number;
  /** The line's bytes without its \n (a view: copy them to keep them past the next line). */
  bytes: Buffer;
}

/** A damaged part of an export: one line (over the limit), or the rest of the file (`line` false). */
export type JsonlLinesError = { type: 'error'; line: boolean } & CrawlRecordError;

/**
 * JSON Lines from a stream (a file, or standard input as a crawler pipes it in), read as
 * readJsonlFile reads a file: gzip is told by its magic bytes, not by a name. The stream is
 * destroyed when reading stops.
 */
async function* readJsonlStream(
  source: AsyncIterable<Uint8Array>,
  displayPath: string,
  opts: JsonlFileOptions,
): AsyncGenerator<CrawlItem, CrawlStats, undefined> {
  const stats = emptyStats();
  const f = resolveFields(opts.fields);
  for await (const item of readJsonlLines(source, displayPath, opts)) {
    if (item.type === 'error') {
      const { line, ...error } = item;
      if (line) stats.records++;
      stats.errors++;
      yield error;
      continue;
    }
    const record = lineItem(decodeLine(item.bytes), item.lineNo, item.id, f, stats);
    if (record !== null) yield record;
  }
  return stats;
}

/**
 * The lines of a JSON Lines stream as bytes, split and gunzipped but neither decoded nor parsed
 * (jsonlLineItem does that, in a worker thread for a scan), with an error item for a line over
 * maxLineBytes and for a cut or corrupt .gz or a read error part way (naming the first line lost).
 * Memory holds one line and a read buffer. The stream is destroyed when reading stops.
 */
export async function* readJsonlLines(
  source: AsyncIterable<Uint8Array>,
  displayPath: string,
  opts: Pick<JsonlFileOptions, 'maxLineBytes' | 'onBytesRead'>,
): AsyncGenerator<JsonlLine | JsonlLinesError, void, undefined> {
  let rawRead = 0;
  const raw = (async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      rawRead += chunk.length;
      opts.onBytesRead?.(rawRead);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  })();
  // The first two bytes decide gzip; a pipe may hand them over one at a time.
  const head: Buffer[] = [];
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield* head;
    for (;;) {
      const next = await raw.next();
      if (next.done) return;
      yield next.value;
    }
  };
  let gunzip: zlib.Gunzip | null = null;
  let parts: Buffer[] = [];
  let held = 0;
  let over = -1; // bytes of a line past the limit, or -1
  let lineNo = 0;
  const take = (): JsonlLine | JsonlLinesError => {
    lineNo++;
    const id = `${displayPath}:${lineNo}`;
    if (over >= 0) return { type: 'error', id, message: `line ${lineNo}: ${over} bytes, over the ${opts.maxLineBytes}-byte limit for one line`, line: true };
    return { type: 'line', id, lineNo, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, held) };
  };
  let problem: string | null = null;
  try {
    let headBytes = 0;
    while (headBytes < 2) {
      const next = await raw.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.length;
    }
    const magic = Buffer.concat(head).subarray(0, 2);
    let bytes: AsyncIterable<Buffer> = rest();
    if (magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      gunzip = zlib.createGunzip();
      pipeline(Readable.from(rest()), gunzip, () => {}); // errors surface in the loop below, through gunzip
      bytes = gunzip;
    }
    for await (const chunk of bytes) {
      let pos = 0;
      while (pos < chunk.length) {
        const nl = chunk.indexOf(0x0a, pos);
        const end = nl < 0 ? chunk.length : nl;
        if (over >= 0) over += end - pos;
        else if (held + end - pos > opts.maxLineBytes) {
          over = held + end - pos;
          parts = [];
          held = 0;
        } else if (end > pos) {
          parts.push(chunk.subarray(pos, end));
          held += end - pos;
        }
        if (nl < 0) break;
        const item = take();
        parts = [];
        held = 0;
        over = -1;
        yield item;
        pos = nl + 1;
      }
    }
    if (held > 0 || over >= 0) yield take();
  } catch (e) {
    // The line being read when the data broke off is part of the damage.
    const err = e as NodeJS.ErrnoException;
    problem =
      err.code === 'Z_BUF_ERROR'
        ? 'gzip data ends unexpectedly (file truncated)'
        : err.code !== undefined && err.code.startsWith('Z_')
          ? `corrupt gzip data (${err.message})`
          : `cannot read file: ${err.code ?? err.message}`;
  } finally {
    gunzip?.destroy();
    (source as { destroy?: () => void }).destroy?.();
  }
  if (problem !== null) {
    const first = lineNo + 1;
    yield { type: 'error', id: `${displayPath}:${first}`, message: `${problem}; lines from ${first} on are missing`, line: false };
  }
}
