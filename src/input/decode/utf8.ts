/** UTF-8 as the bytes hold it: where it first breaks, how UTF-8-like broken bytes look, and how much damage is repaired. */
import { isUtf8 } from 'node:buffer';
import type { Decoded, DecodeSource } from './decode.js';
import type { PageText } from '../page-text.js';
import { isAlpha } from './prescan.js';

/**
 * How the bytes read as UTF-8. Every byte ≥ 0x80 starts or continues an attempt at a sequence:
 * `valid` well-formed multi-byte sequences; `shaped` a lead byte with all its continuation bytes
 * but ill-formed (overlong, surrogate, beyond U+10FFFF); `partial` a lead byte with some of them;
 * `stray` anything else (a continuation byte alone, a lead byte before a non-continuation byte,
 * F8–FF). Also counted: `high` bytes (≥ 0x80) and ASCII `letters`.
 */
export function utf8Shape(b: Uint8Array): { valid: number; shaped: number; partial: number; stray: number; high: number; letters: number } {
  let valid = 0;
  let shaped = 0;
  let partial = 0;
  let stray = 0;
  let letters = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      if (isAlpha(c)) letters++;
      i++;
      continue;
    }
    const need = c >= 0xc0 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf7 ? 3 : 0;
    let k = 0;
    while (k < need && i + 1 + k < b.length && (b[i + 1 + k]! & 0xc0) === 0x80) k++;
    if (k === 0) {
      stray++;
      i++;
      continue;
    }
    if (k < need) partial++;
    else if (wellFormedLead(c, b[i + 1]!)) valid++;
    else shaped++;
    i += 1 + k;
  }
  let high = 0;
  for (const c of b) if (c >= 0x80) high++;
  return { valid, shaped, partial, stray, high, letters };
}

/** Whether a lead byte and the continuation byte after it start a well-formed UTF-8 sequence. */
function wellFormedLead(lead: number, second: number): boolean {
  if (lead < 0xc2 || lead > 0xf4) return false; // overlong two-byte forms; past U+10FFFF
  if (lead === 0xe0) return second >= 0xa0; // overlong
  if (lead === 0xed) return second <= 0x9f; // surrogates
  if (lead === 0xf0) return second >= 0x90; // overlong
  if (lead === 0xf4) return second <= 0x8f; // past U+10FFFF
  return true;
}

/**
 * Offset of the first byte that breaks UTF-8 (as the WHATWG UTF-8 decoder sees it: overlong
 * forms, surrogates and code points past U+10FFFF are errors), or the length when there is none.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (x === undefined || x < min || x > max) return i;
    }
    i += n + 1;
  }
  return i;
}

/** How many bytes are not part of a well-formed UTF-8 sequence (each becomes part of a U+FFFD). */
export function invalidUtf8Bytes(b: Uint8Array): number {
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const end = i + firstInvalidUtf8(b.subarray(i));
    if (end >= b.length) break;
    invalid++;
    i = end + 1;
  }
  return invalid;
}

/**
 * Damage allowed in a UTF-8 page: up to 1% of its bytes, and up to 16 bytes whatever its size
 * (so a short page with a few damaged characters is still read). Past that the page is more
 * likely in another charset, or garbage, than UTF-8 with a few bad bytes, and is refused.
 */
const MAX_INVALID_SHARE = 0.01;
const ALWAYS_ALLOWED_INVALID = 16;

/** Stateless between calls (no `stream` option), so one decoder serves every page. */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The bytes a piece of a large page holds (page-text.ts), about: at most 64 KiB as a string, under
 * the size V8 gives memory of its own.
 */
export const PIECE_BYTES = 32 * 1024;

/**
 * Valid UTF-8 as text: one string, or with `inPieces` and over PIECE_BYTES, pieces (utf8Pieces).
 */
export function validUtf8Text(body: Uint8Array, inPieces: false): string;
export function validUtf8Text(body: Uint8Array, inPieces: boolean): PageText;
export function validUtf8Text(body: Uint8Array, inPieces: boolean): PageText {
  return inPieces && body.length > PIECE_BYTES ? utf8Pieces(body) : UTF8.decode(body);
}

/** ASCII punctuation a piece may end with (page-text.ts): not `&`, `#` or `;` (an entity), nor `<` (a tag's start). */
const ENDS_PIECE = new Uint8Array(256);
/** ASCII punctuation a piece may start with. */
const STARTS_PIECE = new Uint8Array(256);
for (let c = 0x21; c < 0x7f; c++) {
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (alnum) continue;
  STARTS_PIECE[c] = 1;
  if (c !== 0x26 && c !== 0x23 && c !== 0x3b && c !== 0x3c) ENDS_PIECE[c] = 1;
}

/**
 * Where the piece of valid UTF-8 markup from `start` ends: between a `>` and a `<` (the last such
 * pair in the piece's second half), else between two other ASCII punctuation marks, else at the
 * first `><` after it; the end of the bytes when there is none.
 *
 * Wherever the HTML parser is at such a cut (text, a script, an attribute value, a comment), its
 * callbacks see what they see from one string (htmlparser2 parses a stream in chunks): an ASCII
 * pair is a character boundary, no entity or tag name is cut, and a text the cut splits ends and
 * goes on with a mark that is not white space, so even a count of each part's trimmed length adds
 * up to the whole's.
 */
function pieceEnd(bytes: Buffer, start: number, size: number): number {
  const last = start + size;
  const first = start + (size >> 1);
  for (let i = last; i > first; i--) if (bytes[i] === 0x3c && bytes[i - 1] === 0x3e) return i;
  for (let i = last; i > first; i--) if (STARTS_PIECE[bytes[i]!] === 1 && ENDS_PIECE[bytes[i - 1]!] === 1) return i;
  const pair = bytes.indexOf('><', last, 'latin1');
  return pair < 0 ? bytes.length : pair + 1;
}

/** Valid UTF-8 markup in pieces of about `size` bytes (pieceEnd). */
export function utf8Pieces(body: Uint8Array, size = PIECE_BYTES): string[] {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const pieces: string[] = [];
  let start = 0;
  while (bytes.length - start > size) {
    const end = pieceEnd(bytes, start, size);
    pieces.push(bytes.toString('utf8', start, end));
    start = end;
  }
  if (start < bytes.length) pieces.push(bytes.toString('utf8', start, bytes.length));
  return pieces;
}

/**
 * UTF-8 text: decoded as it is when valid (in pieces: validUtf8Text); with each broken sequence
 * replaced by U+FFFD when the damage is small (the count is returned for a warning); an error when
 * it is not.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, source: DecodeSource, inPieces = false): Decoded<PageText> {
  const body = bytes.subarray(start);
  const text = (): string => UTF8.decode(body);
  // Node's native check agrees with firstInvalidUtf8 and is about ten times faster; the byte
  // loop only runs to find where a broken page breaks.
  if (isUtf8(body)) return { text: validUtf8Text(body, inPieces), encoding: 'utf-8', source };
  const first = firstInvalidUtf8(body);
  if (first === body.length) return { text: text(), encoding: 'utf-8', source };
  const invalid = invalidUtf8Bytes(body);
  if (invalid > Math.max(ALWAYS_ALLOWED_INVALID, MAX_INVALID_SHARE * body.length)) {
    return { error: `invalid UTF-8 at byte ${start + first} (${invalid} of ${body.length} bytes invalid)` };
  }
  return { text: text(), encoding: 'utf-8', source, replaced: { bytes: invalid, first: start + first } };
}
