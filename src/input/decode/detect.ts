/**
 * The charset from the bytes themselves, when neither a byte-order mark nor a declaration names
 * it: NUL bytes (UTF-16 without a BOM, or a binary file), valid UTF-8, ISO-2022-JP escapes, then
 * the detector (jschardet) for legacy charsets.
 */
import { createRequire } from 'node:module';
import type { Decoded } from './decode.js';
import { decoderFor, encodingForLabel } from './labels.js';
import { isUtf8 } from 'node:buffer';
import { decodeUtf8, utf8Shape, validUtf8Text } from './utf8.js';
import type { PageText } from '../page-text.js';

/** How far a file is looked at for NUL bytes, and for UTF-16 without a BOM. */
const NUL_PROBE_BYTES = 8192;
/** How much of a file the detector reads. */
const DETECT_SAMPLE_BYTES = 65536;
/** Below this the detector's guess is not used (jschardet's own threshold for `detectAll`). */
const MIN_CONFIDENCE = 0.2;

export function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, NUL_PROBE_BYTES).includes(0);
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
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
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

/** `inPieces`: valid UTF-8 as decodeBytes gives it with `inPieces`. */
export function detect(bytes: Uint8Array, inPieces = false): Decoded<PageText> {
  if (isUtf8(bytes)) {
    // (an escape byte in valid UTF-8 is the escape character)
    if (bytes.includes(0x1b)) {
      const utf8 = validUtf8Text(bytes, false);
      if (ISO_2022_JP_ESCAPE.test(utf8)) {
        try {
          const text = new TextDecoder('iso-2022-jp', { fatal: true }).decode(bytes);
          return { text, encoding: 'iso-2022-jp', source: 'detection' };
        } catch {
          // not ISO-2022-JP after all
        }
      }
      return { text: utf8, encoding: 'utf-8', source: 'utf-8' };
    }
    return { text: validUtf8Text(bytes, inPieces), encoding: 'utf-8', source: 'utf-8' };
  }

  // UTF-8 with damage: a few bad bytes are replaced, more are an error (utf8.ts).
  const damagedUtf8 = (): Decoded<PageText> => decodeUtf8(bytes, 0, 'utf-8');
  const shape = utf8Shape(bytes);
  const utf8Like = shape.valid + shape.shaped + shape.partial;
  // UTF-8 gone wrong: every bad byte is UTF-8-shaped, or the bad bytes sit among many good sequences.
  if (shape.stray === 0 || shape.valid >= 4 * shape.stray) return damagedUtf8();
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
    if (encoding === 'utf-8' && rank === 0) return damagedUtf8(); // the detector sees UTF-8 too
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
  return damagedUtf8();
}
