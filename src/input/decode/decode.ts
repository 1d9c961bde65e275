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
 * A declared or detected UTF-8 with a few broken sequences (up to 1% of the bytes, or 16 bytes
 * whatever the size: utf8.ts) is decoded with U+FFFD in their place, and the count of replaced
 * bytes comes with the text for a warning; more damage is reported as `invalid UTF-8 at byte N`.
 * Telling broken UTF-8 from a legacy charset: a
 * file whose invalid bytes sit among well-formed multi-byte sequences, or whose bad bytes are all
 * UTF-8-shaped (a lead byte with some of its continuation bytes), is UTF-8 gone wrong; a single-byte
 * legacy charset (windows-1251, windows-1256, ...) is accepted only when UTF-8 structure is rare in
 * the bytes: in real Cyrillic or Arabic text a lead byte meets a continuation byte by chance, 1–2%
 * of the time, and at most 15% is allowed (40% where high bytes outnumber ASCII letters, as in Thai
 * windows-874 or DOS Cyrillic). Multi-byte legacy charsets (Shift_JIS, EUC-KR, GBK, Big5, ...) form
 * many accidental UTF-8 sequences, so for them the test is that the whole file decodes under the
 * charset without an error. Any candidate must also decode without C1 controls, unassigned or
 * private-use characters (the mark of the wrong single-byte table).
 */
import { detect, hasNul, sniffUtf16 } from './detect.js';
import { decoderFor, encodingForLabel } from './labels.js';
import { charsetFromContentType, prescanMetaCharset } from './prescan.js';
import { decodeUtf8 } from './utf8.js';
import type { PageText } from '../page-text.js';

/** Where the charset came from. */
export type DecodeSource = 'bom' | 'declared' | 'meta' | 'utf-8' | 'utf-16 sniffing' | 'detection';

export type Decoded<Text extends PageText = string> =
  | {
      text: Text;
      encoding: string;
      source: DecodeSource;
      /** Broken UTF-8 decoded as U+FFFD: how many bytes, and the offset of the first. */
      replaced?: { bytes: number; first: number };
    }
  | { error: string };

/**
 * Decodes a file's bytes. `mayDeclareCharset` says whether the file is HTML (so a `<meta>` may
 * name its charset); `declared` is a charset label (or a whole Content-Type value) given with the
 * file, e.g. by the HTTP headers of a WARC record.
 */
export function decodeBytes(bytes: Uint8Array, mayDeclareCharset: boolean, declared?: string | null): Decoded;
/** `inPieces`: a large page in valid UTF-8 comes as pieces cut between tags (utf8Pieces), for the HTML parser. */
export function decodeBytes(bytes: Uint8Array, mayDeclareCharset: boolean, declared: string | null | undefined, inPieces: boolean): Decoded<PageText>;
export function decodeBytes(bytes: Uint8Array, mayDeclareCharset: boolean, declared?: string | null, inPieces = false): Decoded<PageText> {
  // 1. Byte-order mark.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (hasNul(bytes)) return binary();
    return decodeUtf8(bytes, 3, 'bom', inPieces);
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
  if (fromHeader !== null) return decodeAs(bytes, fromHeader, 'declared', inPieces);

  // 3. <meta> in an HTML file.
  if (mayDeclareCharset) {
    const fromMeta = prescanMetaCharset(bytes);
    if (fromMeta !== null) return decodeAs(bytes, fromMeta, 'meta', inPieces);
  }

  // 4. The bytes themselves.
  return detect(bytes, inPieces);
}

const binary = (): Decoded => ({ error: 'binary file (NUL bytes)' });

function decodeAs(bytes: Uint8Array, encoding: string, source: DecodeSource, inPieces: boolean): Decoded<PageText> {
  if (encoding === 'utf-8') return decodeUtf8(bytes, 0, source, inPieces);
  return { text: decoderFor(encoding, false)(bytes), encoding, source };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', source: DecodeSource): Decoded {
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding, source };
}

/** A declared charset: a bare label, or a Content-Type value with a `charset=` parameter. */
function encodingForDeclaration(declared: string): string | null {
  if (/[;=]/.test(declared)) {
    const label = charsetFromContentType(declared);
    return label === null ? null : encodingForLabel(label);
  }
  return encodingForLabel(declared);
}
