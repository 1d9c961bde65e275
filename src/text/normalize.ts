/**
 * Text normalisation applied before tokenising. Two copies of one article often differ only in
 * typography (curly vs straight quotes, en vs em dashes, non-breaking spaces, full-width forms)
 * or in optional spelling (Arabic hamza seats on alef, vowel marks, tatweel, digit forms;
 * Russian ё), so all of that is folded to one form here. Only matching sees this form: the text
 * shown to users keeps its original spelling.
 */

// What foldTypography maps, as the character classes it stands for (a test checks it against them).
const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
// Zero-width characters, soft hyphens and bidirectional marks split words invisibly (an RLM
// after the conjunction و, a ZWNJ inside a Persian word).
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

// Printable ASCII but the backtick (a quote to fold), and tabs: nothing for NFKC, quote, dash or invisible folding to change.
const PLAIN_ASCII = /^[\t\x20-\x5f\x61-\x7e]*$/;

// Characters NFKC leaves as they are: Latin-1 and Latin Extended-A letters without compatibility
// forms, and the curly quotes and dashes of news text. Text made only of these skips NFKC, the
// slowest step (a test checks every one of them against String.prototype.normalize).
export const NFKC_STABLE = /^[\t\n\r\x20-\x7e\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2013\u2014\u2018\u2019\u201c\u201d]*$/;

/** Whether a UTF-16 code unit is one of NFKC_STABLE's characters (a test checks the two agree), for char-code scans. */
export function isNfkcStableUnit(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  if (c <= 0x17e) {
    return (
      (c >= 0xa1 && c <= 0xa7) || c === 0xa9 || (c >= 0xab && c <= 0xae) || c === 0xb0 || c === 0xb1 || c === 0xb6 || c === 0xb7 || c === 0xbb ||
      (c >= 0xbf && c <= 0x131) || (c >= 0x134 && c <= 0x13e) || (c >= 0x141 && c <= 0x148) || c >= 0x14a
    );
  }
  return c === 0x2013 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d;
}

/**
 * Spelling folds per script, applied after NFKC and lower case (so decomposed forms are composed
 * and Ё is ё by then). Each maps one character to one character or to nothing. What is folded and
 * why (measured on the Arabic news of the SemEval-2022 multilingual corpus) is in the README,
 * "Normalisation".
 */
export const SCRIPT_FOLDS: Readonly<Record<string, string>> = (() => {
  const folds: Record<string, string> = {
    // Cyrillic: ё is written е in most Russian print.
    '\u0451': '\u0435',
    // Arabic alef with hamza above, madda, hamza below, wasla: bare alef.
    '\u0622': '\u0627', '\u0623': '\u0627', '\u0625': '\u0627', '\u0671': '\u0627',
    // Alef maqsura, and the Persian yeh and keheh typed on Persian keyboards: ya and kaf.
    '\u0649': '\u064a', '\u06cc': '\u064a', '\u06a9': '\u0643',
    // Teh marbuta: heh (a final ة is often typed ه, as in القاهره).
    '\u0629': '\u0647',
    // Tatweel (kashida), a stretching stroke.
    '\u0640': '',
  };
  const remove = (from: number, to: number): void => {
    for (let c = from; c <= to; c++) folds[String.fromCharCode(c)] = '';
  };
  remove(0x0610, 0x061a); // honorific signs and small high marks
  remove(0x064b, 0x065f); // harakat (tanwin, fatha, damma, kasra, shadda, sukun, ...) and hamza/madda marks
  remove(0x0670, 0x0670); // superscript (dagger) alef
  remove(0x06d6, 0x06ed); // Quranic annotation marks
  // Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits: ASCII digits.
  for (let d = 0; d < 10; d++) folds[String.fromCharCode(0x0660 + d)] = folds[String.fromCharCode(0x06f0 + d)] = String(d);
  return folds;
})();

// One cheap test decides whether a text needs the folds at all: only the Cyrillic ё and the Arabic
// block can. Text in any other script pays for this test and nothing more.
const FOLDABLE = /[\u0451\u0610-\u06f9]/;
// All folds in one pass. Measured against a loop over a lookup table and against a Uint16Array
// rebuilt through TextDecoder: as fast on Arabic text, faster on Russian, and simplest.
const FOLD_ANY = new RegExp(`[${Object.keys(SCRIPT_FOLDS).join('')}]`, 'g');
const foldOne = (c: string): string => SCRIPT_FOLDS[c]!;

/**
 * NFKC, lower case, one form for quotes and dashes, the script folds (SCRIPT_FOLDS), collapsed
 * whitespace.
 */
export function normalizeText(text: string): string {
  if (PLAIN_ASCII.test(text)) return collapseSpaces(text.toLowerCase());
  const stable = NFKC_STABLE.test(text);
  let t = foldTypography(stable ? text : text.normalize('NFKC')).toLowerCase();
  if (!stable && FOLDABLE.test(t)) t = t.replace(FOLD_ANY, foldOne);
  return collapseSpaces(t);
}

/** Whether a UTF-16 code unit is whitespace as /\s/ reads it (the same set String.prototype.trim removes). */
function isSpaceUnit(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * `s.replace(/\s+/gu, ' ').trim()` as one scan: most lines have single spaces only and come back
 * as they are, without a regular expression or a copy.
 */
export function collapseSpaces(s: string): string {
  const n = s.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII but the space: most characters, never white space.
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20 ? i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 0x20 : isSpaceUnit(c)) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  let out = '';
  let pendingSpace = false;
  let from = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!(c > 0x20 && c < 0x7f) && isSpaceUnit(c)) {
      if (from >= 0) {
        out += s.slice(from, i);
        from = -1;
        pendingSpace = true;
      }
      continue;
    }
    if (from < 0) {
      if (pendingSpace) out += ' ';
      pendingSpace = false;
      from = i;
    }
  }
  if (from >= 0) out += s.slice(from);
  return out;
}

/** What INVISIBLE, QUOTES, DOUBLE_QUOTES and DASHES make of one code unit: '' to drop it, null to keep it. */
function typographyFold(c: number): string | null {
  if (c < 0x80) return c === 0x60 ? "'" : null;
  if (c === 0x00ad || c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || c === 0x2060 || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) return '';
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x00b4 || c === 0x02bc) return "'";
  if ((c >= 0x201c && c <= 0x201f) || c === 0x2033 || c === 0x00ab || c === 0x00bb || c === 0x2039 || c === 0x203a || c === 0x300c || c === 0x300d) return '"';
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x2e3a || c === 0x2e3b || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return '-';
  return null;
}

/**
 * The INVISIBLE, QUOTES, DOUBLE_QUOTES and DASHES replacements in one scan (each maps one code
 * unit, so their order does not matter); text without such characters comes back as it is.
 */
function foldTypography(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && c !== 0x60) continue;
    const to = typographyFold(c);
    if (to === null) continue;
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** The regular expressions foldTypography stands for, kept for the test that checks it against them. */
export const TYPOGRAPHY_PATTERNS = { INVISIBLE, QUOTES, DOUBLE_QUOTES, DASHES } as const;
