/**
 * WARC and ARC files (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`): every HTML response (or HTML
 * resource) record becomes one CrawlRecord; other records are counted in CrawlStats.skipped;
 * damaged parts become error items and reading goes on after them.
 *
 * Layers, from the bottom:
 *  - units (gzip.ts, stream.ts): the file as a sequence of byte runs. A plain file is one unit. A
 *    gzip file is walked member by member (each member inflated on its own, bounded by maxBytes,
 *    its CRC checked), so the compressed offset of every member is known and a .warc.gz is never
 *    inflated into one buffer. A member that cannot be inflated breaks the run; reading resumes at
 *    the next member found by scanning for a gzip header that inflates.
 *  - records (records.ts, headers.ts, and the reader here): WARC (`WARC/<version>` header block,
 *    Content-Length block, CRLF CRLF) or ARC (one header line `URL IP date mime length`, then
 *    `length` bytes, then LF). Records may span gzip members (not one member per record) and
 *    members may hold several records. After damage the reader resynchronises on the next
 *    `WARC/x.y` line (or ARC header line).
 *  - payload (http.ts, payload.ts, ../sniff.ts): HTTP status line and headers, Transfer-Encoding:
 *    chunked, Content-Encoding (gzip, deflate, br; bounded by maxBytes), Content-Type (Fetch-style:
 *    the last type wins, a charset carries over between equal types), HTML sniffing when no type
 *    is given.
 */
import { countSkip, emptyStats, type CrawlItem, type CrawlRecord, type CrawlStats } from '../records.js';
import { gzipUnits, type Unit } from './gzip.js';
import { field, headerEnd, parseFields } from './headers.js';
import type { Outcome } from './payload.js';
import { arcDateIso, classifyArc, classifyWarc, cleanUri, parseArcLine, warcLineAt } from './records.js';
import { Feed } from './stream.js';

interface WarcOptions {
  /** Upper bound of any decompressed output: a gzip member, a Content-Encoding body. */
  maxBytes: number;
  /** Told how far into the file (as stored: compressed bytes for a .gz) reading has got, after each item: for progress. */
  onBytesRead?: (bytes: number) => void;
}

export function isWarcName(name: string): boolean {
  return /\.w?arc(\.gz)?$/i.test(name);
}

/** Longest WARC header block (or ARC header line) accepted before the record counts as malformed. */
const MAX_HEADER = 64 * 1024;
const MAX_ARC_LINE = 8 * 1024;

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

  let bytesRead = 0;
  for (;;) {
    if (opts.onBytesRead !== undefined && feed.buf.length > 0) {
      // The file position of the next pending byte (for gzip, of its member): what is behind it is read.
      bytesRead = Math.max(bytesRead, feed.position(0).offset);
      opts.onBytesRead(bytesRead);
    }
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
  opts.onBytesRead?.(buf.length);
  return stats;
}
