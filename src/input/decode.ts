/**
 * Bytes to text. The charset comes from, in order:
 *
 *  1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
 *  2. a charset declared outside the file (the HTTP Content-Type of a WARC record), `declared`;
 *  3. for HTML, a `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=">`
 *     in the first 4096 bytes, found with the HTML standard's prescan (comments and other tags
 *     skipped, attributes in any order, quoted or not);
 *  4. the bytes themselves: valid UTF-8 is UTF-8; NUL bytes are UTF-16 when they decode as UTF-16
 *     text, a binary file otherwise; bytes that are not UTF-8 and show no UTF-8 structure go to a
 *     detector (jschardet, loaded on first use) and are decoded with its best candidate that
 *     decodes cleanly.
 *
 * Labels are read as the WHATWG Encoding Standard reads them: `iso-8859-1`, `latin1`, `us-ascii`
 * and `ascii` mean windows-1252, `sjis` means Shift_JIS, `gb2312` means GBK, and so on. A meta
 * declaring UTF-16 means UTF-8 (the HTML standard: bytes the prescan could read as ASCII are not
 * UTF-16), and `x-user-defined` means windows-1252. A label no decoder knows is ignored, and the
 * next source decides.
 *
 * A declared or detected UTF-8 must be valid: broken UTF-8 is reported as `invalid UTF-8 at byte
 * N`, never decoded with replacement characters. Telling broken UTF-8 from a legacy charset: a
 * file whose invalid bytes sit among well-formed multi-byte sequences, or whose bad bytes are all
 * UTF-8-shaped (a lead byte with some of its continuation bytes), is UTF-8 gone wrong; a single-byte
 * legacy charset (windows-1251, windows-1256, ...) is accepted only when UTF-8 structure is rare in
 * the bytes: in real Cyrillic or Arabic text a lead byte meets a continuation byte by chance, 1–2%
 * of the time, and at most 15% is allowed (40% where high bytes outnumber ASCII letters, as in Thai
 * windows-874 or DOS Cyrillic). Multi-byte legacy charsets (Shift_JIS, EUC-KR, GBK, Big5, ...) form
 * many accidental UTF-8 sequences, so for them the test is that the whole file decodes under the
 * charset without an error. Any candidate must also decode without C1 controls, unassigned or
 * private-use characters (the mark of the wrong single-byte table).
 *
 * Decoding uses TextDecoder (Node's ICU tables), except windows-1252: Node 20.18.3+ decodes that
 * as ISO-8859-1, leaving bytes 80–9F as C1 controls (nodejs/node#60888), so it is done here.
 */
import { createRequire } from 'node:module';

/** Where the charset came from. */
export type DecodeSource = 'bom' | 'declared' | 'meta' | 'utf-8' | 'utf-16 sniffing' | 'detection';

export type Decoded = { text: string; encoding: string; source: DecodeSource } | { error: string };

/** How far into an HTML file a charset declaration is looked for. */
export const META_PRESCAN_BYTES = 4096;
/** How far a file is looked at for NUL bytes, and for UTF-16 without a BOM. */
const NUL_PROBE_BYTES = 8192;
/** How much of a file the detector reads. */
const DETECT_SAMPLE_BYTES = 65536;
/** Below this the detector's guess is not used (jschardet's own threshold for `detectAll`). */
const MIN_CONFIDENCE = 0.2;

/**
 * Decodes a file's bytes. `mayDeclareCharset` says whether the file is HTML (so a `<meta>` may
 * name its charset); `declared` is a charset label (or a whole Content-Type value) given with the
 * file, e.g. by the HTTP headers of a WARC record.
 */
export function decodeBytes(bytes: Uint8Array, mayDeclareCharset: boolean, declared?: string | null): Decoded {
  // 1. Byte-order mark.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (hasNul(bytes)) return binary();
    return strictUtf8(bytes, 3, 'bom');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le', 'bom');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be', 'bom');

  // 2. A charset given with the file. UTF-16 is believed as declared; any other charset is
  //    ASCII-compatible, and so cannot hold the NUL bytes checked for next.
  const fromHeader = declared ? encodingForDeclaration(declared) : null;
  if (fromHeader === 'utf-16le' || fromHeader === 'utf-16be') return utf16(bytes, fromHeader, 'declared');

  if (hasNul(bytes)) {
    const endian = sniffUtf16(bytes);
    return endian === null ? binary() : utf16(bytes, endian, 'utf-16 sniffing');
  }
  if (fromHeader !== null) return decodeAs(bytes, fromHeader, 'declared');

  // 3. <meta> in an HTML file.
  if (mayDeclareCharset) {
    const fromMeta = prescanMetaCharset(bytes);
    if (fromMeta !== null) return decodeAs(bytes, fromMeta, 'meta');
  }

  // 4. The bytes themselves.
  return detect(bytes);
}

const binary = (): Decoded => ({ error: 'binary file (NUL bytes)' });

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, NUL_PROBE_BYTES).includes(0);
}

function decodeAs(bytes: Uint8Array, encoding: string, source: DecodeSource): Decoded {
  if (encoding === 'utf-8') return strictUtf8(bytes, 0, source);
  return { text: decoderFor(encoding, false)(bytes), encoding, source };
}

function strictUtf8(bytes: Uint8Array, start: number, source: DecodeSource): Decoded {
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', source };
  } catch {
    return { error: `invalid UTF-8 at byte ${start + firstInvalidUtf8(body)}` };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', source: DecodeSource): Decoded {
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding, source };
}

// ---------------------------------------------------------------------------------------------
// Labels and decoders

/**
 * The encoding a charset label names, as the WHATWG Encoding Standard's "get an encoding" (trim,
 * lower-case, look up), or null for a label no decoder here handles. `x-user-defined` is read as
 * windows-1252, as the HTML standard does for a declared charset; the "replacement" labels
 * (iso-2022-kr, hz-gb-2312, ...) are unknown here.
 */
export function encodingForLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (l === 'x-user-defined') return 'windows-1252';
  if (l === '') return null;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** A declared charset: a bare label, or a Content-Type value with a `charset=` parameter. */
function encodingForDeclaration(declared: string): string | null {
  if (/[;=]/.test(declared)) {
    const label = charsetFromContentType(declared);
    return label === null ? null : encodingForLabel(label);
  }
  return encodingForLabel(declared);
}

// windows-1252 bytes 80–9F (WHATWG index-windows-1252); all other bytes are their code point.
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

/** A decoding function for an encoding name that encodingForLabel returned. */
function decoderFor(encoding: string, fatal: boolean): (bytes: Uint8Array) => string {
  if (encoding === 'windows-1252') return decodeWindows1252; // every byte is defined: never fails
  const dec = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  return (bytes) => dec.decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// <meta> prescan (HTML standard, "prescan a byte stream to determine its encoding")

const isSpace = (c: number | undefined): boolean => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
const isAlpha = (c: number | undefined): boolean => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

function startsWithCI(b: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > b.length) return false;
  for (let k = 0; k < ascii.length; k++) if (lower(b[at + k]!) !== ascii.charCodeAt(k)) return false;
  return true;
}

/**
 * The encoding an HTML file declares in a `<meta>` within its first 4096 bytes, or null. A
 * declaration naming UTF-16 gives UTF-8; one whose label is unknown is skipped (a later `<meta>`
 * may still decide).
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const b = bytes.subarray(0, META_PRESCAN_BYTES);
  let pos = 0;
  while (pos < b.length) {
    if (startsWithCI(b, pos, '<!--')) {
      const end = indexOf(b, '-->', pos + 2);
      if (end < 0) return null;
      pos = end + 3;
      continue;
    }
    if (startsWithCI(b, pos, '<meta') && (isSpace(b[pos + 5]) || b[pos + 5] === 0x2f)) {
      pos += 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null | undefined; // undefined: none yet; null: named but unknown
      for (;;) {
        const attr = getAttribute(b, pos);
        if (attr === EOF) return null; // the tag runs past the prescan window
        if (attr === null) break;
        pos = attr.next;
        if (seen.has(attr.name)) continue;
        seen.add(attr.name);
        if (attr.name === 'http-equiv') {
          if (attr.value === 'content-type') gotPragma = true;
        } else if (attr.name === 'content') {
          if (charset === undefined) {
            const label = charsetFromContentType(attr.value);
            if (label !== null) {
              charset = encodingForLabel(label);
              needPragma = true;
            }
          }
        } else if (attr.name === 'charset') {
          if (charset === undefined) {
            charset = encodingForLabel(attr.value);
            needPragma = false;
          }
        }
      }
      if (needPragma === null || (needPragma && !gotPragma) || charset === undefined || charset === null) continue;
      return charset === 'utf-16le' || charset === 'utf-16be' ? 'utf-8' : charset;
    }
    if (b[pos] === 0x3c && (isAlpha(b[pos + 1]) || (b[pos + 1] === 0x2f && isAlpha(b[pos + 2])))) {
      // Another tag: skip its name, then its attributes (so `<div title="<meta charset=x>">` is not read).
      pos += b[pos + 1] === 0x2f ? 2 : 1;
      while (pos < b.length && !isSpace(b[pos]) && b[pos] !== 0x3e) pos++;
      for (;;) {
        const attr = getAttribute(b, pos);
        if (attr === EOF) return null;
        if (attr === null) break;
        pos = attr.next;
      }
      pos++;
      continue;
    }
    if (startsWithCI(b, pos, '<!') || startsWithCI(b, pos, '</') || startsWithCI(b, pos, '<?')) {
      const end = b.indexOf(0x3e, pos + 2);
      if (end < 0) return null;
      pos = end + 1;
      continue;
    }
    pos++;
  }
  return null;
}

function indexOf(b: Uint8Array, ascii: string, from: number): number {
  for (let i = from; i + ascii.length <= b.length; i++) if (startsWithCI(b, i, ascii)) return i;
  return -1;
}

const EOF = Symbol('end of the prescan window');

/**
 * The HTML standard's "get an attribute": the next attribute from `start` (names and values
 * lower-cased) and where reading stopped; null at the tag's `>`; EOF when the bytes end first.
 */
function getAttribute(b: Uint8Array, start: number): { name: string; value: string; next: number } | null | typeof EOF {
  let pos = start;
  while (pos < b.length && (isSpace(b[pos]) || b[pos] === 0x2f)) pos++;
  if (pos >= b.length) return EOF;
  if (b[pos] === 0x3e) return null;
  let name = '';
  let value = '';
  // The name.
  for (;;) {
    if (pos >= b.length) return EOF;
    const c = b[pos]!;
    if (c === 0x3d && name !== '') {
      pos++;
      break;
    }
    if (isSpace(c)) {
      while (pos < b.length && isSpace(b[pos])) pos++;
      if (b[pos] !== 0x3d) return { name, value, next: pos };
      pos++;
      break;
    }
    if (c === 0x2f || c === 0x3e) return { name, value, next: pos };
    name += String.fromCharCode(lower(c));
    pos++;
  }
  // The value.
  while (pos < b.length && isSpace(b[pos])) pos++;
  if (pos >= b.length) return EOF;
  const q = b[pos]!;
  if (q === 0x22 || q === 0x27) {
    pos++;
    for (;;) {
      if (pos >= b.length) return EOF;
      const c = b[pos]!;
      pos++;
      if (c === q) return { name, value, next: pos };
      value += String.fromCharCode(lower(c));
    }
  }
  if (q === 0x3e) return { name, value, next: pos };
  for (;;) {
    if (pos >= b.length) return EOF;
    const c = b[pos]!;
    if (isSpace(c) || c === 0x3e) return { name, value, next: pos };
    value += String.fromCharCode(lower(c));
    pos++;
  }
}

/**
 * The HTML standard's "extract a character encoding from a meta element", on a Content-Type
 * value: the label after the first `charset=` (quoted, or up to white space or `;`), or null.
 */
function charsetFromContentType(s: string): string | null {
  let from = 0;
  for (;;) {
    const at = s.toLowerCase().indexOf('charset', from);
    if (at < 0) return null;
    let i = at + 7;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s[i] !== '=') {
      from = i;
      continue;
    }
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      return end < 0 ? null : s.slice(i + 1, end);
    }
    if (i >= s.length) return null;
    let end = i;
    while (end < s.length && !isSpace(s.charCodeAt(end)) && s[end] !== ';') end++;
    return s.slice(i, end);
  }
}

// ---------------------------------------------------------------------------------------------
// UTF-16 without a byte-order mark

// Characters that do not occur in text: controls other than white space, unassigned and private-use
// code points, and U+FFFD (what an unpaired surrogate decodes to).
const NOT_TEXT = /[\0-\x08\x0e-\x1f\x7f-\x9f\p{Cn}\p{Co}\uFFFD]/gu;

function countNotText(s: string): number {
  return s.match(NOT_TEXT)?.length ?? 0;
}

/**
 * For bytes holding NULs: which UTF-16 they are, or null for a binary file. The first 8 KiB are
 * decoded both ways; UTF-16 text has (almost) no controls, unassigned code points or broken
 * surrogate pairs read the right way round. When both ways read clean (ASCII-only text swapped is
 * CJK), the NULs decide: they are the high byte of ASCII characters.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const probe = bytes.subarray(0, Math.min(bytes.length, NUL_PROBE_BYTES) & ~1);
  if (probe.length < 4) return null;
  const le = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(probe);
  const be = new TextDecoder('utf-16be', { ignoreBOM: true }).decode(probe);
  // The probe may end inside a surrogate pair: one bad character at the end is allowed.
  const allowed = 1 + Math.floor(le.length / 1000);
  const badLe = countNotText(le);
  const badBe = countNotText(be);
  if (Math.min(badLe, badBe) > allowed) return null;
  if (badLe !== badBe) return badLe < badBe ? 'utf-16le' : 'utf-16be';
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < probe.length; i += 2) {
    if (probe[i] === 0) nulEven++;
    if (probe[i + 1] === 0) nulOdd++;
  }
  return nulEven > nulOdd ? 'utf-16be' : 'utf-16le';
}

// ---------------------------------------------------------------------------------------------
// Detection

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

// Encodings whose characters take more than one byte: accidental UTF-8 sequences are common in them.
const MULTI_BYTE = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp', 'euc-kr', 'gbk', 'gb18030', 'big5']);

// The detector's names that are not WHATWG labels.
const DETECTOR_ALIASES: Record<string, string> = {
  cp932: 'shift_jis',
  shift_jis_2004: 'shift_jis',
  euc_jis_2004: 'euc-jp',
  cp949: 'euc-kr',
  euc_kr: 'euc-kr',
  big5hkscs: 'big5',
  iso2022_jp_2: 'iso-2022-jp',
  cp874: 'windows-874',
  cp866: 'ibm866',
  maccyrillic: 'x-mac-cyrillic',
  'mac-cyrillic': 'x-mac-cyrillic',
  macroman: 'macintosh',
  'mac-roman': 'macintosh',
  'utf-16-le': 'utf-16le',
  'utf-16-be': 'utf-16be',
};

function encodingForDetected(name: string | null): string | null {
  if (name === null) return null;
  const l = name.toLowerCase().replace(/^iso8859[-_]?/, 'iso-8859-');
  return encodingForLabel(DETECTOR_ALIASES[l] ?? l);
}

type Jschardet = { detectAll(bytes: Uint8Array, options?: { minimumThreshold?: number }): Array<{ encoding: string | null; confidence: number }> };
let jschardet: Jschardet | undefined;

/** jschardet, loaded on first use: a scan of UTF-8 files never pays for its models. */
function detector(): Jschardet {
  jschardet ??= createRequire(import.meta.url)('jschardet') as Jschardet;
  return jschardet;
}

/**
 * What the detector reads: the bytes with `<...>` tags taken out, so that it judges the prose, not
 * the markup, and cannot act on a charset declaration the rules above chose not to follow
 * (jschardet honours `<meta charset>` and `<?xml encoding?>` itself). A `<` with no `>` within 2 KiB
 * is kept as text. `<` and `>` are never the second byte of a Shift_JIS, EUC, GBK or Big5 character.
 * Unchanged when the tags hold all of the high bytes.
 */
function textOutsideTags(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  let high = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, i + 1);
      if (end >= 0 && end - i <= 2048) {
        out[n++] = 0x20;
        i = end;
        continue;
      }
    }
    if (c >= 0x80) high = true;
    out[n++] = c;
  }
  return high ? out.subarray(0, n) : b;
}

// ISO-2022-JP is 7-bit: it passes as ASCII unless its escape sequences are looked for.
const ISO_2022_JP_ESCAPE = /\x1b(?:\$[@B]|\(J)/;

function detect(bytes: Uint8Array): Decoded {
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // not UTF-8: below
  }
  if (utf8 !== null) {
    if (utf8.includes('\x1b') && ISO_2022_JP_ESCAPE.test(utf8)) {
      try {
        const text = new TextDecoder('iso-2022-jp', { fatal: true }).decode(bytes);
        return { text, encoding: 'iso-2022-jp', source: 'detection' };
      } catch {
        // not ISO-2022-JP after all
      }
    }
    return { text: utf8, encoding: 'utf-8', source: 'utf-8' };
  }

  const invalid: Decoded = { error: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}` };
  const shape = utf8Shape(bytes);
  const utf8Like = shape.valid + shape.shaped + shape.partial;
  // UTF-8 gone wrong: every bad byte is UTF-8-shaped, or the bad bytes sit among many good sequences.
  if (shape.stray === 0 || shape.valid >= 4 * shape.stray) return invalid;
  // In single-byte text a lead byte meets a continuation byte only by chance: rarely where the
  // high bytes are whole words (Cyrillic, Arabic, Greek), more often in Thai (a leading vowel E0–E4
  // before a consonant A1–CE) or DOS Cyrillic. Sparse high bytes in ASCII text (a Latin-script
  // language, or UTF-8 damaged) must show almost no UTF-8 structure to pass for a legacy charset.
  const attempts = utf8Like + shape.stray;
  const dense = shape.high >= shape.letters;
  const singleByteFits = utf8Like <= Math.max(1, (dense ? 0.4 : 0.15) * attempts);

  const sample = textOutsideTags(bytes.subarray(0, DETECT_SAMPLE_BYTES));
  const candidates = detector()
    .detectAll(sample, { minimumThreshold: MIN_CONFIDENCE })
    .filter((c) => c.confidence >= MIN_CONFIDENCE);
  for (const [rank, c] of candidates.entries()) {
    const encoding = encodingForDetected(c.encoding);
    if (encoding === 'utf-8' && rank === 0) return invalid; // the detector sees UTF-8 too
    if (encoding === null || encoding === 'utf-8' || encoding.startsWith('utf-16')) continue;
    if (!MULTI_BYTE.has(encoding) && !singleByteFits) continue;
    let text: string;
    try {
      text = decoderFor(encoding, true)(bytes);
    } catch {
      continue; // a byte sequence the charset does not have
    }
    // C1 controls, unassigned or private-use characters: the wrong single-byte table.
    if (/[\x80-\x9f\p{Cn}\p{Co}\uFFFD]/u.test(text)) continue;
    return { text, encoding, source: 'detection' };
  }
  return invalid;
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
