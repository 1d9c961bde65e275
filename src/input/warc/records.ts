/**
 * WARC and ARC records: where one starts (a `WARC/<version>` line, an ARC header line), the values
 * of their headers, and what each record type holds.
 */
import { field, startsWithAscii } from './headers.js';
import { httpPayload } from './http.js';
import { extractMime, htmlPayload, type Outcome } from './payload.js';

/** `WARC/<digits>.<digits>` then CR LF or LF, at `i`. null: not enough bytes to tell. */
export function warcLineAt(buf: Uint8Array, i: number): boolean | null {
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

const SKIPPED_TYPES = new Set(['warcinfo', 'request', 'metadata', 'revisit', 'conversion', 'continuation']);

function startsHttp(block: Buffer): boolean {
  return startsWithAscii(block, 0, 'HTTP/');
}

export function classifyWarc(fields: Map<string, string[]>, block: Buffer, maxBytes: number): Outcome {
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

export function classifyArc(h: ArcHeader, block: Buffer, maxBytes: number): Outcome {
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
export function parseArcLine(line: string, version: number): ArcHeader | null {
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

export function arcDateIso(d: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(d);
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`;
}

export function cleanUri(uri: string | null): string | null {
  if (uri === null) return null;
  const u = uri.trim().replace(/^<(.*)>$/, '$1').trim();
  return u === '' ? null : u;
}
