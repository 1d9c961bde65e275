/**
 * Reading one input file into text: size limit, gzip with a bounded output, binary detection
 * and character decoding. Every failure is an InputError with a message for the errors list.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gunzipSync } from 'node:zlib';
import { decodeBytes } from './decode/decode.js';
import { fsPath } from './names.js';
import { isBlankText, textHead, type PageText } from './page-text.js';

const gunzip = promisify(gunzipCb);

export class InputError extends Error {}

export type PageKind = 'html' | 'text';

export interface DecodedPage {
  /** In pieces only for a large HTML page (page-text.ts). */
  text: PageText;
  kind: PageKind;
  encoding: string;
  /** Something repaired to read the page (broken UTF-8 replaced): the page is used, with a warning. */
  warning?: string;
}

const HTML_EXT = /\.(x?html?|xht)$/i;

function baseName(p: string): string {
  return p.replace(/\.gz$/i, '');
}

function kindOf(name: string, text: PageText): PageKind {
  if (HTML_EXT.test(baseName(name))) return 'html';
  const head = textHead(text, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'html' : 'text';
}

/** A file's bytes, refusing anything over maxBytes before reading it. */
export async function readRawFile(absPath: string, maxBytes: number, limitName = '--max-bytes'): Promise<Buffer> {
  try {
    const info = await stat(fsPath(absPath));
    if (!info.isFile()) throw new InputError('not a regular file');
    if (info.size > maxBytes) throw new InputError(`file is ${info.size} bytes, over the ${maxBytes}-byte limit (${limitName})`);
    return await readFile(fsPath(absPath));
  } catch (e) {
    throw readError(e);
  }
}

function readError(e: unknown): InputError {
  if (e instanceof InputError) return e;
  const err = e as NodeJS.ErrnoException;
  return new InputError(`cannot read file: ${err.code ?? err.message}`);
}

function checkGzip(raw: Uint8Array): void {
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) throw new InputError('not gzip data despite the .gz name');
}

function gzipError(e: unknown, maxBytes: number): InputError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(err.message)) {
    return new InputError(`gzip data expands past the ${maxBytes}-byte limit (--max-bytes)`);
  }
  return new InputError(`corrupt gzip data: ${err.message}`);
}

export async function readInputFile(absPath: string, maxBytes: number): Promise<DecodedPage> {
  const raw = await readRawFile(absPath, maxBytes);
  let bytes = raw;
  if (/\.gz$/i.test(absPath)) {
    checkGzip(raw);
    try {
      bytes = await gunzip(raw, { maxOutputLength: maxBytes });
    } catch (e) {
      throw gzipError(e, maxBytes);
    }
  }
  return decodePage(bytes, absPath);
}

/**
 * The largest file whose bytes are read into one buffer kept for the next file (a worker reads one
 * page at a time, and decoding copies the bytes out): fresh memory for every page costs more than
 * the read (page-text.ts).
 */
const KEPT_READ_BUFFER = 8 * 1024 * 1024;
let keptReadBuffer: Buffer | null = null;

/** A buffer of `size` bytes for readInputFileSync, valid until its next call. */
function readBuffer(size: number): Buffer {
  if (size > KEPT_READ_BUFFER) return Buffer.allocUnsafe(size);
  if (keptReadBuffer === null || keptReadBuffer.length < size) keptReadBuffer = Buffer.allocUnsafeSlow(Math.min(KEPT_READ_BUFFER, Math.max(size, 2 * (keptReadBuffer?.length ?? 32 * 1024))));
  return keptReadBuffer.subarray(0, size);
}

/**
 * readInputFile without the event loop, for worker threads: a worker does one page at a time, so
 * waiting for a small read on the thread costs less than the round trips of an asynchronous one.
 */
export function readInputFileSync(absPath: string, maxBytes: number): DecodedPage {
  let raw: Buffer;
  // One open, one fstat, one read: a folder of small pages pays per system call. O_NONBLOCK so
  // that opening a FIFO does not wait for a writer; fstat then turns it away.
  let fd = -1;
  try {
    fd = openSync(fsPath(absPath), constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError('not a regular file');
    if (info.size > maxBytes) throw new InputError(`file is ${info.size} bytes, over the ${maxBytes}-byte limit (--max-bytes)`);
    raw = readBuffer(info.size);
    let got = 0;
    while (got < raw.length) {
      const n = readSync(fd, raw, got, raw.length - got, null);
      if (n === 0) break;
      got += n;
    }
    if (got < raw.length) raw = raw.subarray(0, got);
  } catch (e) {
    // A socket cannot be opened at all: say what it is, as for any file that is not a regular one.
    if (fd < 0 && !(e instanceof InputError) && statSync(fsPath(absPath), { throwIfNoEntry: false })?.isFile() === false) throw new InputError('not a regular file');
    throw readError(e);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  let bytes = raw;
  if (/\.gz$/i.test(absPath)) {
    checkGzip(raw);
    try {
      bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (e) {
      throw gzipError(e, maxBytes);
    }
  }
  return decodePage(bytes, absPath);
}

/** A page that arrived as text (a JSON Lines field): the checks of decodePage, no decoding. */
export function pageFromText(text: string, kind: PageKind): DecodedPage {
  if (text.length === 0) throw new InputError('empty file');
  if (text.slice(0, 8192).includes('\0')) throw new InputError('binary file (NUL bytes)');
  if (text.trim().length === 0) throw new InputError('file holds only white space');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, kind, encoding: 'utf-8' };
}

/**
 * Decoded text of a page's bytes: from a file (name decides html or text) or from a crawl record
 * (kind and an HTTP-declared charset given).
 */
export function decodePage(
  bytes: Uint8Array,
  name: string,
  hints: { kind?: PageKind; declared?: string | null } = {},
): DecodedPage {
  if (bytes.length === 0) throw new InputError('empty file');
  const htmlLike = hints.kind === 'html' || (hints.kind === undefined && HTML_EXT.test(baseName(name)));
  const decoded = decodeBytes(bytes, htmlLike, hints.declared ?? null, htmlLike);
  if ('error' in decoded) throw new InputError(decoded.error);
  if (isBlankText(decoded.text)) throw new InputError('file holds only white space');
  const page: DecodedPage = { text: decoded.text, kind: hints.kind ?? kindOf(name, decoded.text), encoding: decoded.encoding };
  if (decoded.replaced) {
    const { bytes: n, first } = decoded.replaced;
    page.warning = `${n} invalid UTF-8 ${n === 1 ? 'byte' : 'bytes'} replaced with U+FFFD (first at byte ${first})`;
  }
  return page;
}
