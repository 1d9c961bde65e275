/**
 * HTTP payloads: status line and headers, Transfer-Encoding: chunked, Content-Encoding (gzip,
 * deflate, br; bounded by maxBytes).
 */
import zlib from 'node:zlib';
import { inflateMember, isPadding, isTooLarge } from './gzip.js';
import { headerEnd, parseFields } from './headers.js';
import { extractMime, htmlPayload, type Decoded, type Outcome } from './payload.js';

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

/** An HTTP response message (status line, headers, body). */
export function httpPayload(block: Buffer, maxBytes: number, declaredTruncated: boolean): Outcome {
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
