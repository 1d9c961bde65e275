/**
 * Text normalisation applied before tokenising. Two copies of one article often differ only in
 * typography (curly vs straight quotes, en vs em dashes, non-breaking spaces, full-width forms),
 * so all of that is folded to one form here.
 */

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
// Zero-width characters and soft hyphens split words invisibly.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /\s+/gu;

// Printable ASCII but the backtick (a quote to fold), and tabs: nothing for NFKC, quote, dash or invisible folding to change.
const PLAIN_ASCII = /^[\t\x20-\x5f\x61-\x7e]*$/;

// Characters NFKC leaves as they are: Latin-1 and Latin Extended-A letters without compatibility
// forms, and the curly quotes and dashes of news text. Text made only of these skips NFKC, the
// slowest step (a test checks every one of them against String.prototype.normalize).
export const NFKC_STABLE = /^[\t\n\r\x20-\x7e\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2013\u2014\u2018\u2019\u201c\u201d]*$/;

/** NFKC, lower case, one form for quotes and dashes, collapsed whitespace. */
export function normalizeText(text: string): string {
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(SPACES, ' ').trim();
  return (NFKC_STABLE.test(text) ? text : text.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim();
}
