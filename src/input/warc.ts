/**
 * WARC and ARC files (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`): every HTML response (or HTML
 * resource) record becomes one CrawlRecord; other records are counted in CrawlStats.skipped;
 * damaged parts become error items and reading goes on after them.
 *
 * Layers, from the bottom:
 *  - units: the file as a sequence of byte runs. A plain file is one unit. A gzip file is walked
 *    member by member (each member inflated on its own, bounded by maxBytes, its CRC checked), so
 *    the compressed offset of every member is known and a .warc.gz is never inflated into one
 *    buffer. A member that cannot be inflated breaks the run; reading resumes at the next member
 *    found by scanning for a gzip header that inflates.
 *  - records: WARC (`WARC/<version>` header block, Content-Length block, CRLF CRLF) or ARC (one
 *    header line `URL IP date mime length`, then `length` bytes, then LF). Records may span gzip
 *    members (not one member per record) and members may hold several records. After damage the
 *    reader resynchronises on the next `WARC/x.y` line (or ARC header line).
 *  - payload: HTTP status line and headers, Transfer-Encoding: chunked, Content-Encoding
 *    (gzip, deflate, br; bounded by maxBytes), Content-Type (Fetch-style: the last type wins,
 *    a charset carries over between equal types), HTML sniffing when no type is given.
 */
import zlib from 'node:zlib';
import { countSkip, emptyStats, type CrawlItem, type CrawlRecord, type CrawlStats } from './records.js';

export interface WarcOptions {
  /** Upper bound of any decompressed output: a gzip member, a Content-Encoding body. */
  maxBytes: number;
}

export function isWarcName(name: string): boolean {
  return /\.w?arc(\.gz)?$/i.test(name);
}

const EMPTY = Buffer.alloc(0);
/** Longest WARC header block (or ARC header line) accepted before the record counts as malformed. */
const MAX_HEADER = 64 * 1024;
const MAX_ARC_LINE = 8 * 1024;

// ---------------------------------------------------------------------------------------------
// gzip members

interface Inflated {
  /** Decompressed bytes; a correct prefix when `cut`. */
  data: Buffer;
  /** File offset just past the member, or -1 when it could not be found. */
  end: number;
  error: string | null;
  /** The deflate data ends early (a truncated file): `data` is what it held up to the cut. */
  cut: boolean;
}

type InflateResult = { buffer: Buffer; engine: { bytesWritten: number } };

function zlibCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return typeof err.code === 'string' ? err.code : '';
}

function isTooLarge(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(err.message));
}

/** Offset just past the gzip header at `pos`, or an error message. */
function gzipHeaderEnd(buf: Uint8Array, pos: number): number | string {
  if (pos + 10 > buf.length) return 'gzip header cut short';
  if (buf[pos] !== 0x1f || buf[pos + 1] !== 0x8b) return 'not gzip data';
  if (buf[pos + 2] !== 8) return 'gzip member with an unknown compression method';
  const flg = buf[pos + 3]!;
  if ((flg & 0xe0) !== 0) return 'gzip header with reserved flags set';
  let p = pos + 10;
  if (flg & 4) {
    if (p + 2 > buf.length) return 'gzip header cut short';
    p += 2 + (buf[p]! | (buf[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < buf.length && buf[p] !== 0) p++;
      p++;
    }
  }
  if (flg & 2) p += 2;
  if (p > buf.length) return 'gzip header cut short';
  return p;
}

/** Inflates the one gzip member that starts at `pos` (and only that member). */
function inflateMember(buf: Buffer, pos: number, maxBytes: number): Inflated {
  const hdrEnd = gzipHeaderEnd(buf, pos);
  if (typeof hdrEnd === 'string') return { data: EMPTY, end: -1, error: hdrEnd, cut: false };
  const input = buf.subarray(hdrEnd);
  let r: InflateResult;
  try {
    r = zlib.inflateRawSync(input, { info: true, maxOutputLength: Math.max(1, maxBytes) }) as unknown as InflateResult;
  } catch (e) {
    if (isTooLarge(e)) return { data: EMPTY, end: -1, error: `gzip member expands past the ${maxBytes}-byte limit`, cut: false };
    if (zlibCode(e) === 'Z_BUF_ERROR') {
      // Cut short (a truncated file): what inflates up to the cut is still good data.
      let partial = EMPTY;
      try {
        partial = zlib.inflateRawSync(input, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, maxBytes) });
      } catch {
        /* keep nothing */
      }
      return { data: partial, end: buf.length, error: 'gzip data ends unexpectedly (file truncated)', cut: true };
    }
    return { data: EMPTY, end: -1, error: `corrupt gzip data (${(e as Error).message})`, cut: false };
  }
  const trailer = hdrEnd + r.engine.bytesWritten;
  if (trailer + 8 > buf.length) {
    // the deflate data is whole: only the check is missing
    return { data: r.buffer, end: buf.length, error: 'gzip member has no CRC trailer (file truncated)', cut: false };
  }
  const crc = buf.readUInt32LE(trailer);
  const size = buf.readUInt32LE(trailer + 4);
  if (crc !== zlib.crc32(r.buffer) || size !== r.buffer.length % 2 ** 32) {
    return { data: EMPTY, end: trailer + 8, error: 'corrupt gzip member (CRC or length check failed)', cut: false };
  }
  return { data: r.buffer, end: trailer + 8, error: null, cut: false };
}

/** Whether a plausible gzip member starts at `pos`: a valid header and data that starts to inflate. */
function plausibleMember(buf: Buffer, pos: number): boolean {
  const hdrEnd = gzipHeaderEnd(buf, pos);
  if (typeof hdrEnd === 'string') return false;
  try {
    zlib.inflateRawSync(buf.subarray(hdrEnd, hdrEnd + 4096), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: 1 << 20,
    });
    return true;
  } catch (e) {
    return isTooLarge(e);
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

function nextMember(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(GZIP_MAGIC, from); i >= 0; i = buf.indexOf(GZIP_MAGIC, i + 1)) {
    if (plausibleMember(buf, i)) return i;
  }
  return -1;
}

/** A stretch of the logical (decompressed) stream. `brk`: the stream is damaged right after it. */
interface Unit {
  fileOffset: number;
  data: Buffer;
  brk: string | null;
}

function isPadding(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== 0 && b !== 0x0a && b !== 0x0d && b !== 0x20) return false;
  }
  return true;
}

function* gzipUnits(buf: Buffer, maxBytes: number): Generator<Unit> {
  let pos = 0;
  while (pos < buf.length) {
    if (buf[pos] !== 0x1f || buf[pos + 1] !== 0x8b) {
      if (isPadding(buf, pos)) return;
      const next = nextMember(buf, pos + 1);
      const stop = next < 0 ? buf.length : next;
      yield { fileOffset: pos, data: EMPTY, brk: `${stop - pos} bytes that are not gzip data` };
      if (next < 0) return;
      pos = next;
      continue;
    }
    const m = inflateMember(buf, pos, maxBytes);
    yield { fileOffset: pos, data: m.data, brk: m.error === null ? null : `gzip member at byte ${pos}: ${m.error}` };
    if (m.end >= 0) {
      pos = m.end;
    } else {
      const next = nextMember(buf, pos + 1);
      if (next < 0) return;
      pos = next;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the logical stream, in runs of contiguous data

interface RunEnd {
  /** null: the file ended cleanly */
  reason: string | null;
  fileOffset: number;
  /** set once an error item has covered this damage */
  reported: boolean;
}

class Feed {
  /** Pending bytes of the current run, from logical offset `base`. */
  buf: Buffer = EMPTY;
  base = 0;
  /** Where gzip members start, in run-logical offsets (compressed input only). */
  private members: Array<{ logical: number; file: number }> = [];
  end: RunEnd | null = null;
  private done = false;

  constructor(
    private readonly units: Iterator<Unit>,
    readonly compressed: boolean,
  ) {}

  /** Pulls the next unit into the run; false when the run can grow no more. */
  more(): boolean {
    if (this.end !== null) return false;
    for (;;) {
      const n = this.units.next();
      if (n.done === true) {
        this.done = true;
        this.end = { reason: null, fileOffset: -1, reported: false };
        return false;
      }
      const u = n.value;
      const grew = u.data.length > 0;
      if (grew) {
        this.members.push({ logical: this.base + this.buf.length, file: u.fileOffset });
        this.buf = this.buf.length === 0 ? u.data : Buffer.concat([this.buf, u.data]);
      }
      if (u.brk !== null) {
        this.end = { reason: u.brk, fileOffset: u.fileOffset, reported: false };
        return grew;
      }
      if (grew) return true;
    }
  }

  /** At least `n` pending bytes, pulling units as needed; false when the run ends first. */
  ensure(n: number): boolean {
    while (this.buf.length < n) if (!this.more()) return this.buf.length >= n;
    return true;
  }

  consume(k: number): void {
    this.buf = this.buf.subarray(k);
    this.base += k;
    let keep = 0;
    while (keep + 1 < this.members.length && this.members[keep + 1]!.logical <= this.base) keep++;
    if (keep > 0) this.members.splice(0, keep);
  }

  /** Leaves a finished or damaged run; false at the end of the file. */
  nextRun(): boolean {
    if (this.done) return false;
    this.buf = EMPTY;
    this.base = 0;
    this.members = [];
    this.end = null;
    return true;
  }

  /**
   * File position of pending byte `rel`. `gapStart` is where the white space before the record
   * began: a member starting in that gap is the record's member (one member per record).
   */
  position(rel: number, gapStart = rel): { offset: number; suffix: string } {
    const logical = this.base + rel;
    if (!this.compressed) return { offset: logical, suffix: String(logical) };
    let m: { logical: number; file: number } | undefined;
    for (const x of this.members) if (x.logical <= logical) m = x;
    if (m === undefined) return { offset: this.end?.fileOffset ?? 0, suffix: String(this.end?.fileOffset ?? 0) };
    const inner = logical - m.logical;
    if (inner === 0 || m.logical >= this.base + gapStart) return { offset: m.file, suffix: String(m.file) };
    return { offset: m.file, suffix: `${m.file}+${inner}` };
  }
}

// ---------------------------------------------------------------------------------------------
// headers

function startsWithAscii(buf: Uint8Array, at: number, s: string): boolean {
  if (at + s.length > buf.length) return false;
  for (let i = 0; i < s.length; i++) if (buf[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** `WARC/<digits>.<digits>` then CR LF or LF, at `i`. null: not enough bytes to tell. */
function warcLineAt(buf: Uint8Array, i: number): boolean | null {
  const avail = buf.length - i;
  if (avail < 5) return startsWithAscii(buf, i, 'WARC/'.slice(0, avail)) ? null : false;
  if (!startsWithAscii(buf, i, 'WARC/')) return false;
  let p = i + 5;
  let digits = 0;
  while (p < buf.length && buf[p]! >= 0x30 && buf[p]! <= 0x39) p++, digits++;
  if (p >= buf.length) return null;
  if (digits === 0 || buf[p] !== 0x2e) return false;
  p++;
  digits = 0;
  while (p < buf.length && buf[p]! >= 0x30 && buf[p]! <= 0x39) p++, digits++;
  if (p >= buf.length) return null;
  if (digits === 0) return false;
  if (buf[p] === 0x0d) p++;
  if (p >= buf.length) return null;
  return buf[p] === 0x0a;
}

/** End of the header block starting at `from` (index after the blank line), or -1. */
function headerEnd(buf: Uint8Array, from: number, limit: number): number {
  const stop = Math.min(buf.length, from + limit);
  for (let i = from; i < stop; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return i + 2;
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Header lines (after the first) to lower-cased name → values, folded lines joined. */
function parseFields(text: string): { first: string; fields: Map<string, string[]> } {
  const lines = text.split(/\r?\n/);
  const first = lines.shift() ?? '';
  const fields = new Map<string, string[]>();
  let last: { name: string; idx: number } | null = null;
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      const vals = fields.get(last.name)!;
      vals[last.idx] = `${vals[last.idx]!} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const vals = fields.get(name);
    if (vals === undefined) fields.set(name, [value]);
    else vals.push(value);
    last = { name, idx: (fields.get(name)!.length) - 1 };
  }
  return { first, fields };
}

function field(fields: Map<string, string[]>, name: string): string | null {
  return fields.get(name)?.[0] ?? null;
}

const MIME_TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Content-Type values to an essence and charset, as Fetch's "extract a MIME type" does: the last
 * valid type wins; a charset given for an earlier, equal type carries over. null: no usable type.
 */
export function extractMime(values: readonly string[]): { essence: string; charset: string | null } | null {
  let essence: string | null = null;
  let charset: string | null = null;
  for (const value of values) {
    for (const piece of value.split(',')) {
      const [head, ...params] = piece.split(';');
      const type = (head ?? '').trim().toLowerCase();
      if (!MIME_TOKEN.test(type) || type === '*/*') continue;
      let cs: string | null = null;
      for (const p of params) {
        const m = /^\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(p);
        if (m && m[1]) cs = m[1].toLowerCase();
      }
      if (type !== essence) {
        essence = type;
        charset = cs;
      } else if (cs !== null) {
        charset = cs;
      }
    }
  }
  return essence === null ? null : { essence, charset };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const UNKNOWN_TYPES = new Set(['unknown/unknown', 'application/unknown', 'no-type/no-type']);

const SNIFF_TAGS = [
  '!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style',
  'title', 'b', 'body', 'br', 'p', '!--',
  // beyond WHATWG's list: block-level tags an HTML fragment often starts with
  'meta', 'link', 'article', 'main', 'section', 'header', 'nav', 'span', 'ul', 'ol', 'h2', 'h3', 'img', 'figure',
];

/**
 * Whether bytes (or a string) start like HTML: after white space and a BOM, `<` and one of the
 * WHATWG MIME-sniffing HTML tags (plus a few block tags), ended by space, `>` or `/`.
 */
export function sniffHtml(data: Uint8Array | string): boolean {
  const head = typeof data === 'string' ? data.slice(0, 1024) : Buffer.from(data.subarray(0, 1024)).toString('latin1');
  const s = head.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').replace(/^[\s\u0000]+/, '').toLowerCase();
  if (!s.startsWith('<')) return false;
  for (const tag of SNIFF_TAGS) {
    if (!s.startsWith(tag, 1)) continue;
    const next = s.charAt(1 + tag.length);
    if (next === '' || next === '>' || next === '/' || /\s/.test(next) || tag === '!--') return true;
  }
  return /^<\?xml[^>]*>\s*(<!doctype html|<html)/.test(s);
}

// ---------------------------------------------------------------------------------------------
// HTTP payload

type Decoded = { data: Buffer; cut: boolean } | { error: string };

/** Removes chunked transfer coding. null: the body is not chunked at all (stored de-chunked). */
export function dechunk(body: Buffer): { data: Buffer; problem: null | 'truncated' | 'malformed' } | null {
  const parts: Buffer[] = [];
  let pos = 0;
  let first = true;
  for (;;) {
    const nl = body.indexOf(0x0a, pos);
    if (nl < 0 || nl - pos > 1024) {
      if (first) return null;
      // the data ends at a chunk boundary without the last-chunk: nothing is lost
      if (isPadding(body, pos)) return { data: Buffer.concat(parts), problem: null };
      return { data: Buffer.concat(parts), problem: 'truncated' };
    }
    const sizeText = body.toString('latin1', pos, nl).split(';')[0]!.trim();
    if (!/^[0-9a-f]{1,8}$/i.test(sizeText)) {
      if (first) return null;
      return { data: Buffer.concat(parts), problem: 'malformed' };
    }
    const size = parseInt(sizeText, 16);
    if (size === 0) return { data: Buffer.concat(parts), problem: null };
    const start = nl + 1;
    if (start + size > body.length) {
      parts.push(body.subarray(start));
      return { data: Buffer.concat(parts), problem: 'truncated' };
    }
    parts.push(body.subarray(start, start + size));
    pos = start + size;
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
    first = false;
  }
}

function looksLikeMarkup(data: Buffer): boolean {
  const s = data.toString('latin1', 0, 256).replace(/^(\xEF\xBB\xBF)?[\s]*/, '');
  return s.startsWith('<');
}

/** gzip Content-Encoding: every member in turn; trailing bytes that are not gzip are ignored. */
function gunzipBody(data: Buffer, maxBytes: number): Decoded {
  const parts: Buffer[] = [];
  let total = 0;
  let pos = 0;
  while (pos < data.length && data[pos] === 0x1f && data[pos + 1] === 0x8b) {
    if (total >= maxBytes) return { error: `gzip content expands past the ${maxBytes}-byte limit` };
    const m = inflateMember(data, pos, maxBytes - total);
    // usable: whole data (perhaps without its CRC trailer), or the prefix of cut data
    if (m.error !== null && m.data.length === 0) {
      return { error: m.error.includes('expands past') ? `gzip content expands past the ${maxBytes}-byte limit` : `gzip content: ${m.error}` };
    }
    parts.push(m.data);
    total += m.data.length;
    if (m.error !== null) return { data: Buffer.concat(parts), cut: m.cut };
    pos = m.end;
  }
  return { data: Buffer.concat(parts), cut: false };
}

function decodeOne(data: Buffer, coding: string, maxBytes: number): Decoded {
  const opts = { maxOutputLength: Math.max(1, maxBytes) };
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        if (data[0] !== 0x1f || data[1] !== 0x8b) throw new Error('not gzip data');
        return gunzipBody(data, maxBytes);
      case 'deflate':
        try {
          return { data: zlib.inflateSync(data, opts), cut: false };
        } catch (e) {
          if (isTooLarge(e)) throw e;
          return { data: zlib.inflateRawSync(data, opts), cut: false };
        }
      case 'br':
        return { data: zlib.brotliDecompressSync(data, opts), cut: false };
      default:
        return { error: `unsupported Content-Encoding "${coding}"` };
    }
  } catch (e) {
    if (isTooLarge(e)) return { error: `${coding} content expands past the ${maxBytes}-byte limit` };
    return { error: `${coding} content cannot be decoded (${(e as Error).message})` };
  }
}

/** Undoes Content-Encoding codings, last applied first. */
function decodeContent(body: Buffer, codings: string[], maxBytes: number): Decoded {
  let data = body;
  let cut = false;
  for (let i = codings.length - 1; i >= 0; i--) {
    const r = decodeOne(data, codings[i]!, maxBytes);
    if ('error' in r) {
      // Some crawlers store the decoded payload but keep the header (ClueWeb09 does).
      if (i === codings.length - 1 && looksLikeMarkup(data)) return { data, cut };
      return r;
    }
    data = r.data;
    cut ||= r.cut;
  }
  return { data, cut };
}

type Outcome = { doc: { body: Buffer; charset: string | null } } | { skip: string } | { error: string };

/** An HTML payload, given its declared type (null: none) and body. */
function htmlPayload(
  mime: { essence: string; charset: string | null } | null,
  body: () => Decoded,
  nonHtml: string,
): Outcome {
  const declared = mime !== null && !UNKNOWN_TYPES.has(mime.essence);
  if (declared && !HTML_TYPES.has(mime.essence)) return { skip: nonHtml };
  const decoded = body();
  if ('error' in decoded) return { error: decoded.error };
  if (decoded.data.length === 0) return { skip: 'empty' };
  if (!declared && !sniffHtml(decoded.data)) return { skip: nonHtml };
  return { doc: { body: decoded.data, charset: mime?.charset ?? null } };
}

/** An HTTP response message (status line, headers, body). */
function httpPayload(block: Buffer, maxBytes: number, declaredTruncated: boolean): Outcome {
  const lineEnd = block.indexOf(0x0a);
  const statusLine = block.toString('latin1', 0, lineEnd < 0 ? Math.min(block.length, 200) : lineEnd).trim();
  const sm = /^HTTP\/\d+(?:\.\d+)?\s+(\d{3})(?:\s|$)/i.exec(statusLine);
  if (!sm) return { error: `malformed HTTP status line "${statusLine.slice(0, 60)}"` };
  const status = Number(sm[1]);
  if (status < 200 || status > 299) return { skip: 'http-status' };
  const end = headerEnd(block, 0, block.length);
  if (end < 0) return { error: 'HTTP headers are not terminated by a blank line' };
  const { fields } = parseFields(block.toString('latin1', 0, end));
  const mime = extractMime(fields.get('content-type') ?? []);
  return htmlPayload(
    mime,
    () => {
      let body = block.subarray(end);
      let cut = false;
      const te = (fields.get('transfer-encoding') ?? []).join(',').toLowerCase();
      if (/\bchunked\b/.test(te)) {
        const d = dechunk(body);
        if (d !== null) {
          if (d.problem !== null && !declaredTruncated) return { error: `chunked body is ${d.problem}` };
          body = d.data;
          cut = d.problem !== null;
        }
      }
      const codings = (fields.get('content-encoding') ?? [])
        .join(',')
        .split(',')
        .map((c) => c.trim().toLowerCase())
        .filter((c) => c !== '' && c !== 'identity');
      if (codings.length === 0) return { data: body, cut };
      const r = decodeContent(body, codings, maxBytes);
      if ('error' in r) return r;
      if (r.cut && !declaredTruncated) return { error: 'encoded content is cut short' };
      return { data: r.data, cut: cut || r.cut };
    },
    'non-html-response',
  );
}

const SKIPPED_TYPES = new Set(['warcinfo', 'request', 'metadata', 'revisit', 'conversion', 'continuation']);

function startsHttp(block: Buffer): boolean {
  return startsWithAscii(block, 0, 'HTTP/');
}

function classifyWarc(fields: Map<string, string[]>, block: Buffer, maxBytes: number): Outcome {
  const type = (field(fields, 'warc-type') ?? '').toLowerCase();
  if (SKIPPED_TYPES.has(type)) return { skip: type };
  const ctype = field(fields, 'content-type');
  const mime = extractMime(ctype === null ? [] : [ctype]);
  if (type === 'response') {
    if (startsHttp(block)) return httpPayload(block, maxBytes, fields.has('warc-truncated'));
    if (mime?.essence === 'application/http') return { error: 'response record without an HTTP status line' };
    return htmlPayload(mime, () => ({ data: block, cut: false }), 'non-html-response');
  }
  if (type === 'resource') return htmlPayload(mime, () => ({ data: block, cut: false }), 'non-html-resource');
  return { skip: type === '' ? 'untyped' : type };
}

function classifyArc(h: ArcHeader, block: Buffer, maxBytes: number): Outcome {
  if (/^filedesc:/i.test(h.url)) return { skip: 'filedesc' };
  if (startsHttp(block)) return httpPayload(block, maxBytes, false);
  return htmlPayload(extractMime([h.mime]), () => ({ data: block, cut: false }), 'non-html-response');
}

// ---------------------------------------------------------------------------------------------
// ARC header lines

interface ArcHeader {
  url: string;
  date: string;
  mime: string;
  length: string;
}

const ARC_URL = /^[a-z][a-z0-9+.-]*:\S/i;
const ARC_IP = /^([0-9.]+|[0-9a-f:]+|-)$/i;
const ARC_DATE = /^\d{12,18}$/;

/** An ARC header line (version 1: URL IP date mime length; version 2: ten fields), or null. */
function parseArcLine(line: string, version: number): ArcHeader | null {
  const t = line.trim().split(/ +/);
  const n = t.length;
  const v1 = (): ArcHeader | null =>
    n >= 5 && ARC_IP.test(t[n - 4]!) && ARC_DATE.test(t[n - 3]!)
      ? { url: t.slice(0, n - 4).join(' '), date: t[n - 3]!, mime: t[n - 2]!, length: t[n - 1]! }
      : null;
  const v2 = (): ArcHeader | null =>
    n >= 10 && ARC_IP.test(t[n - 9]!) && ARC_DATE.test(t[n - 8]!)
      ? { url: t.slice(0, n - 9).join(' '), date: t[n - 8]!, mime: t[n - 7]!, length: t[n - 1]! }
      : null;
  const h = version === 2 ? (v2() ?? v1()) : (v1() ?? v2());
  return h !== null && ARC_URL.test(h.url) ? h : null;
}

function arcDateIso(d: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(d);
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`;
}

function cleanUri(uri: string | null): string | null {
  if (uri === null) return null;
  const u = uri.trim().replace(/^<(.*)>$/, '$1').trim();
  return u === '' ? null : u;
}

// ---------------------------------------------------------------------------------------------
// the reader

type Mode = 'warc' | 'arc' | null;

/**
 * Reads a WARC or ARC file held in memory (gzip or not, told by the magic bytes; WARC or ARC told
 * by the content). Yields one record per HTML document and one error item per damaged part, in
 * file order, and returns the counts.
 */
export function* readWarc(
  data: Uint8Array,
  displayPath: string,
  opts: WarcOptions,
): Generator<CrawlItem, CrawlStats, undefined> {
  const stats = emptyStats();
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const compressed = buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  const units: Iterator<Unit> = compressed
    ? gzipUnits(buf, opts.maxBytes)
    : [{ fileOffset: 0, data: buf, brk: null }][Symbol.iterator]();
  const feed = new Feed(units, compressed);
  let mode: Mode = null;
  let arcVersion = 1;
  /** true after an error: bytes up to the next record belong to that error */
  let quiet = false;

  /** The complete line starting at pending byte `at` (without CR LF), or null. */
  const lineAt = (at: number): { text: string; len: number } | null => {
    for (let from = at; ; ) {
      const nl = feed.buf.indexOf(0x0a, from);
      if (nl >= 0 && nl - at <= MAX_ARC_LINE) {
        return { text: feed.buf.toString('latin1', at, nl).replace(/\r$/, ''), len: nl + 1 - at };
      }
      if (nl >= 0 || feed.buf.length - at > MAX_ARC_LINE) return null;
      from = feed.buf.length;
      if (!feed.more()) return null;
    }
  };

  /** What starts at pending byte `at`. */
  const recordAt = (at: number): 'warc' | 'arc' | 'none' => {
    if (mode !== 'arc') {
      feed.ensure(at + 32);
      if (warcLineAt(feed.buf, at) === true) return 'warc';
      if (mode === 'warc') return 'none';
    }
    const line = lineAt(at);
    return line !== null && parseArcLine(line.text, arcVersion) !== null ? 'arc' : 'none';
  };

  /** Index of the next record start in the pending bytes at or after `from`, or -1. */
  const findStart = (from: number): number => {
    const b = feed.buf;
    for (let i = from; i < b.length; i++) {
      if (i > 0 && b[i - 1] !== 0x0a) continue;
      if (mode !== 'arc' && b[i] === 0x57 && warcLineAt(b, i) === true) return i;
      if (mode !== 'warc') {
        const nl = b.indexOf(0x0a, i);
        if (nl > i && nl - i <= MAX_ARC_LINE && parseArcLine(b.toString('latin1', i, nl).replace(/\r$/, ''), arcVersion)) {
          return i;
        }
      }
    }
    return -1;
  };

  /** Skips to the next record start after the first pending byte, or to the end of the run. */
  const resync = (): void => {
    for (;;) {
      const i = findStart(1);
      if (i >= 0) {
        feed.consume(i);
        return;
      }
      if (!feed.more()) {
        feed.consume(feed.buf.length); // the rest of the run holds no record start
        return;
      }
      // keep from the last LF: a header line may continue in the unit just pulled
      const lastNl = feed.buf.lastIndexOf(0x0a);
      feed.consume(Math.max(0, lastNl, feed.buf.length - MAX_ARC_LINE - 1));
    }
  };

  /**
   * Whether a block ending at `at` ends where the record does: a line break follows (CR LF CR LF
   * in WARC, LF in ARC; whatever comes after it is the next record's business), or, with no line
   * break, another record, the end of the run or the end of the file. Anything else means the
   * length is wrong (example: warcio's example-trunc.warc, whose block is 2 bytes short).
   */
  const cleanEnd = (at: number): boolean => {
    if (!feed.ensure(at + 1)) return true;
    const b = feed.buf[at];
    if (b === 0x0a || (b === 0x0d && feed.ensure(at + 2) && feed.buf[at + 1] === 0x0a)) return true;
    return recordAt(at) !== 'none';
  };

  for (;;) {
    // white space between records
    let gap = 0;
    while (feed.ensure(gap + 1)) {
      const b = feed.buf[gap];
      if (b !== 0x0d && b !== 0x0a && b !== 0x20 && b !== 0x09 && b !== 0x00) break;
      gap++;
    }
    feed.consume(gap);
    if (feed.buf.length === 0) {
      const end = feed.end;
      if (end !== null && end.reason !== null && !end.reported) {
        stats.errors++;
        yield { type: 'error', id: `${displayPath}#${end.fileOffset}`, message: end.reason };
      }
      if (!feed.nextRun()) break;
      quiet = true; // a new run after damage may start inside a record
      continue;
    }

    const kind = recordAt(0);
    if (kind === 'none') {
      if (!quiet) {
        stats.errors++;
        const what = mode === 'arc' ? 'an ARC' : mode === 'warc' ? 'a WARC' : 'a WARC or ARC';
        yield { type: 'error', id: `${displayPath}#${feed.position(0).suffix}`, message: `unexpected data where ${what} record should start` };
      }
      quiet = true;
      resync();
      continue;
    }
    mode = kind;
    const pos = feed.position(0, -gap);
    const id = `${displayPath}#${pos.suffix}`;
    stats.records++;

    let headerLen: number;
    let contentLength: number;
    let url: string | null = null;
    let problem: { message: string; cut: boolean } | null = null;
    let date: string | null = null;
    let classify: ((block: Buffer) => Outcome) | null = null;
    if (kind === 'warc') {
      let hend = headerEnd(feed.buf, 0, MAX_HEADER);
      while (hend < 0 && feed.buf.length < MAX_HEADER && feed.more()) hend = headerEnd(feed.buf, 0, MAX_HEADER);
      headerLen = hend < 0 ? 5 : hend;
      contentLength = 0;
      if (hend < 0) {
        problem = feed.buf.length >= MAX_HEADER
          ? { message: 'WARC header block too long or not terminated', cut: false }
          : { message: 'truncated record: WARC header block cut short', cut: true };
      } else {
        const { fields } = parseFields(feed.buf.toString('latin1', 0, hend));
        url = cleanUri(field(fields, 'warc-target-uri'));
        date = field(fields, 'warc-date');
        const clText = field(fields, 'content-length');
        if (clText === null || !/^\d+$/.test(clText)) {
          problem = { message: clText === null ? 'WARC record without Content-Length' : `invalid Content-Length "${clText}"`, cut: false };
        } else {
          contentLength = Number(clText);
          classify = (block) => classifyWarc(fields, block, opts.maxBytes);
        }
      }
    } else {
      const line = lineAt(0)!;
      const h = parseArcLine(line.text, arcVersion)!;
      headerLen = line.len;
      contentLength = 0;
      url = h.url;
      date = arcDateIso(h.date);
      if (!/^\d+$/.test(h.length)) {
        problem = { message: `invalid ARC record length "${h.length}"`, cut: false };
      } else {
        contentLength = Number(h.length);
        classify = (block) => {
          if (/^filedesc:/i.test(h.url)) {
            const second = block.toString('latin1', 0, Math.min(400, block.length)).split('\n')[1] ?? '';
            const vm = /^\s*(\d+)\s/.exec(second);
            if (vm) arcVersion = Number(vm[1]);
          }
          return classifyArc(h, block, opts.maxBytes);
        };
      }
    }
    if (problem === null && !feed.ensure(headerLen + contentLength)) {
      problem = {
        message: `truncated record: length ${contentLength} but ${feed.buf.length - headerLen} bytes follow the header`,
        cut: true,
      };
    }
    if (problem === null && !cleanEnd(headerLen + contentLength)) {
      const next = feed.buf
        .subarray(headerLen + contentLength, headerLen + contentLength + 8)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 ');
      problem = { message: `record does not end where its length (${contentLength}) says: bytes ${next} follow it`, cut: false };
    }
    if (problem !== null || classify === null) {
      // Reported with the record's id; the reader then resynchronises from the end of the header
      // (a wrong length can swallow the records after it: look for them inside the block).
      let message = problem?.message ?? 'malformed record';
      const end = feed.end;
      if (problem?.cut === true && end !== null && end.reason !== null && !end.reported) {
        message += ` (${end.reason})`;
        end.reported = true;
      }
      if (url !== null) message += ` [${url}]`;
      stats.errors++;
      yield { type: 'error', id, message };
      feed.consume(Math.min(headerLen, feed.buf.length));
      quiet = true;
      continue;
    }
    quiet = false;
    const block = feed.buf.subarray(headerLen, headerLen + contentLength);
    feed.consume(headerLen + contentLength);

    const o = classify(block);
    if ('skip' in o) {
      countSkip(stats, o.skip);
    } else if ('error' in o) {
      stats.errors++;
      yield { type: 'error', id, message: url === null ? o.error : `${o.error} [${url}]` };
    } else {
      stats.documents++;
      const rec: CrawlRecord = { id, url, kind: 'html', body: o.doc.body, charset: o.doc.charset, date, offset: pos.offset };
      yield { type: 'record', ...rec };
    }
  }
  return stats;
}
