/**
 * Text normalisation applied before tokenising. Two copies of one article often differ only in
 * typography (curly vs straight quotes, en vs em dashes, non-breaking spaces, full-width forms)
 * or in optional spelling (Arabic hamza seats on alef, vowel marks, tatweel, digit forms;
 * Russian ё), so all of that is folded to one form here. Only matching sees this form: the text
 * shown to users keeps its original spelling.
 */

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
// Zero-width characters, soft hyphens and bidirectional marks split words invisibly (an RLM
// after the conjunction و, a ZWNJ inside a Persian word).
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const SPACES = /\s+/gu;

// Printable ASCII but the backtick (a quote to fold), and tabs: nothing for NFKC, quote, dash or invisible folding to change.
const PLAIN_ASCII = /^[\t\x20-\x5f\x61-\x7e]*$/;

// Characters NFKC leaves as they are: Latin-1 and Latin Extended-A letters without compatibility
// forms, and the curly quotes and dashes of news text. Text made only of these skips NFKC, the
// slowest step (a test checks every one of them against String.prototype.normalize).
export const NFKC_STABLE = /^[\t\n\r\x20-\x7e\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2013\u2014\u2018\u2019\u201c\u201d]*$/;

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
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(SPACES, ' ').trim();
  const stable = NFKC_STABLE.test(text);
  let t = (stable ? text : text.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase();
  if (!stable && FOLDABLE.test(t)) t = t.replace(FOLD_ANY, foldOne);
  return t.replace(SPACES, ' ').trim();
}
