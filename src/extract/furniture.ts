/**
 * Line-level removal of page furniture that survives scraping or Readability: media-player
 * crumbs, menus and share bars, cookie notices, footers, section markers with the lists that
 * follow them, runs of headline-like lines (headline feeds, related-article lists), runs of short
 * lines before and after the article, teaser "Read more" lines and repeated lines. Structure
 * comes first and holds in any script (length in words and characters, closing punctuation
 * including Arabic and CJK marks, capitalisation where the script has case, position,
 * repetition); the word lists (markers.ts, seven languages) only ever match a whole short line.
 * Never about one site.
 */
import { parseDateline, type DateOrderHint } from './dates.js';
import { attributionCredit, isAttributionLine, isCookieNotice, isCrumbPhrase, isFooterLine, isPlayerNotice, isReadAlso, isSectionMarker } from './markers.js';

// Above the article: "Updated 10:32", "Stand: 20:03 Uhr | Lesedauer: 3 Min.", "5 min read",
// "آخر تحديث: 10:45", "Обновлено 14:20", "Время чтения: 3 мин".
const TIMESTAMP_LINE =
  /^(?:(?:last )?updated|published|posted|stand|aktualisiert|publiziert|veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|آخر تحديث|اخر تحديث|تاريخ النشر|تم النشر|نشر في|نُشر في|обновлено|опубликовано|оновлено|опубліковано)(?![\p{L}])|(?<![\p{L}])(?:lesedauer|lesezeit|reading time|temps de lecture|tiempo de lectura|min(?:ute)?s? read|min de lecture|min de lectura|مدة القراءة|وقت القراءة|دقائق للقراءة|دقيقة للقراءة|время чтения|мин(?:ут[аы]?)? чтения|час читання|хв(?:илин[аи]?)? читання)(?![\p{L}])/iu;
const TEASER_TAIL = /(?:…|\.\.\.)\s*(?:read more|continue reading|more|اقرأ المزيد|المزيد|читать далее|подробнее|читати далі|детальніше|lire la suite|leer más|weiterlesen)\s*$/iu;
const HAS_WORD = /[\p{L}\p{N}]/u;
// Tests of a line's last character. Each set holds BMP characters only, so the last UTF-16 code
// unit decides, as the /[…]$/u patterns they stand for would (a low surrogate is in none).
/** Sentence-final punctuation in Latin, Cyrillic, Arabic (؟ ۔) and CJK (。！？) text, closing quotes and brackets included: /[.!?…"'”’»)\]。！？؟۔」』]$/u. */
const SENTENCE_END = '.!?…"\'”’»)]。！？؟۔」』';
/** A line that does not end a headline: a comma, semicolon or colon in any script: /[,;:،؛，、；：]$/u. */
const OPEN_END = ',;:،؛，、；：';
/** A full stop in any script: a headline does not end with one: /[.。۔]$/u. */
const FULL_STOP = '.。۔';
/** Whether the last character of s is one of `chars` (by char code: no one-character string is made). */
function endsWithOneOf(s: string, chars: string): boolean {
  if (s.length === 0) return false;
  const last = s.charCodeAt(s.length - 1);
  for (let i = 0; i < chars.length; i++) if (chars.charCodeAt(i) === last) return true;
  return false;
}
const STARTS_UPPER = /^[\p{Lu}\p{N}"'“‘«„(\[]/u;
const STARTS_LOWER = /^\p{Ll}/u;
/** First letter from a script without case (Arabic, Hebrew, CJK, Devanagari, Thai, ...), after any quotes or digits. */
const STARTS_CASELESS = /^[^\p{L}]*[\p{Lo}\p{Lm}]/u;
/** Scripts written without spaces between words. */
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
/** A sentence boundary inside a line (". " then more text): prose, not a headline, in caseless scripts. */
const INNER_SENTENCE = /[.!?؟。！？۔]\s+\S/u;
/**
 * The same in a script with case: a full stop after a word of three lower-case letters or more,
 * then a capital ("лет. Работы"; not "U.S. Army", "Inc. Co"; a question inside a headline,
 * "Versteckt? Experten warnen", stays a headline).
 */
const INNER_SENTENCE_CASED = /\p{Ll}{3}\.\s+[\p{Lu}«"“„]/u;
/** Separators of the items of a menu, breadcrumb or share line printed on one line. */
const MENU_SEPARATOR = /\s*[|•·›]\s*|\s+\/\s+|\t+|\s{3,}/u;
/** » separates breadcrumbs too, unless the line quotes with «». */
const MENU_SEPARATOR_GUILLEMET = /\s*[|•·›»]\s*|\s+\/\s+|\t+|\s{3,}/u;

/**
 * crumb: a control or label (removed); menu: a menu, breadcrumb or share bar on one line
 * (removed); marker: a box heading that may start the page's tail (removed, see below);
 * see-also: a "read also" pointer inside the article (removed, never cuts); cookie, teaser, date.
 */
export type LineKind = 'blank' | 'crumb' | 'menu' | 'marker' | 'see-also' | 'cookie' | 'teaser' | 'date' | 'text';

/** What a line's core leaves out at its start: /^[\s•·|>»›\-–—*#]+/. */
function isLeadMark(c: number): boolean {
  return c === 0x2022 || c === 0xb7 || c === 0x7c || c === 0x3e || c === 0xbb || c === 0x203a || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x2a || c === 0x23 || isSpaceUnit(c);
}

/** What a line's core leaves out at its end: /[\s:|•·›»]+$/. */
function isTailMark(c: number): boolean {
  return c === 0x3a || c === 0x7c || c === 0x2022 || c === 0xb7 || c === 0x203a || c === 0xbb || isSpaceUnit(c);
}

/**
 * Where the core of a trimmed line starts and ends: `line.replace(/^[\s•·|>»›\-–—*#]+/, '')
 * .replace(/[\s:|•·›»]+$/, '')` is line.slice(start, end), found without a copy, so a long line
 * that no core rule looks at costs two character tests.
 */
function coreBounds(t: string): [start: number, end: number] {
  let start = 0;
  let end = t.length;
  while (start < end && isLeadMark(t.charCodeAt(start))) start++;
  while (end > start && isTailMark(t.charCodeAt(end - 1))) end--;
  return [start, end];
}

/**
 * Whether a string may hold a character of a script written without spaces (NO_SPACES): every
 * such character is in U+0E00–U+19FF or from U+2E80 up, astral ones as surrogates from U+D800 (a
 * test checks every code point).
 * A cheap scan that lets Latin, Cyrillic and Arabic lines, curly quotes and dashes included, skip
 * the Unicode-script pattern.
 */
export function mayHaveNoSpaceScript(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x0e00 && c < 0x1a00) || c >= 0x2e80) return true;
  }
  return false;
}

/** Whether a UTF-16 code unit is whitespace as /\s/ (without the u flag) reads it. */
function isSpaceUnit(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Words in a line, for length rules in any script: whitespace-separated words, where a run of
 * characters of a script written without spaces (Chinese, Japanese, Thai, ...) counts one word
 * per two characters.
 */
export function wordUnits(s: string): number {
  if (!mayHaveNoSpaceScript(s)) {
    // Each run of non-space characters is one word, as s.split(/\s+/) gives them.
    let words = 0;
    let inWord = false;
    for (let i = 0; i < s.length; i++) {
      const space = isSpaceUnit(s.charCodeAt(i));
      if (!space && !inWord) words++;
      inWord = !space;
    }
    return words;
  }
  let n = 0;
  for (const w of s.split(/\s+/)) {
    if (w.length === 0) continue;
    const cjk = w.match(NO_SPACES)?.length ?? 0;
    n += cjk > 0 ? Math.max(1, Math.ceil(cjk / 2)) : 1;
  }
  return n;
}

/** A line mostly in a script written without spaces. */
function isNoSpaces(t: string): boolean {
  if (!mayHaveNoSpaceScript(t)) return false;
  return (t.match(NO_SPACES)?.length ?? 0) * 2 > t.replace(/\s+/g, '').length;
}

/**
 * Whether a line holds something MENU_SEPARATOR_GUILLEMET (which covers MENU_SEPARATOR) could
 * match: | • · › » /, a tab, or three white-space characters in a row. Without one, a line splits
 * into one item.
 */
function mayHaveMenuSeparator(t: string): boolean {
  let spaces = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Digits, letters and most ASCII punctuation: no separator and no space (most characters).
    if (c >= 0x30 && c < 0x7c) {
      spaces = 0;
      continue;
    }
    if (c === 0x7c || c === 0x2022 || c === 0xb7 || c === 0x203a || c === 0xbb || c === 0x2f || c === 0x09) return true;
    if (isSpaceUnit(c)) {
      if (++spaces >= 3) return true;
    } else spaces = 0;
  }
  return false;
}

/** One line holding a menu, breadcrumb trail or share bar: three or more items of one to three words. */
function isMenuLine(t: string): boolean {
  if (t.length > 200 || !mayHaveMenuSeparator(t)) return false;
  const items = t.split(t.includes('«') ? MENU_SEPARATOR : MENU_SEPARATOR_GUILLEMET).map((x) => x.trim()).filter((x) => x.length > 0);
  if (items.length < 3) return false;
  return items.every((x) => x.length <= 30 && wordUnits(x) <= 3 && HAS_WORD.test(x) && !endsWithOneOf(x, SENTENCE_END) && !endsWithOneOf(x, FULL_STOP));
}

/** What a line is. `order` reads ambiguous numeric dates (see dates.ts). */
export function classifyLine(line: string, order?: DateOrderHint): LineKind {
  const t = line.trim();
  if (t.length === 0) return 'blank';
  if (!HAS_WORD.test(t)) return 'crumb';
  const [coreStart, coreEnd] = coreBounds(t);
  const coreLength = coreEnd - coreStart;
  // The core (the line without bullets and trailing colons) is only read when it is short.
  const core = coreLength <= 80 ? t.slice(coreStart, coreEnd) : '';
  if (coreLength <= 40 && isCrumbPhrase(core)) return 'crumb';
  if (t.length <= 250 && isPlayerNotice(t)) return 'crumb';
  if (coreLength <= 80 && isSectionMarker(core)) return 'marker';
  if (t.length <= 200 && isReadAlso(t)) return 'see-also';
  if (t.length <= 250 && isCookieNotice(t)) return 'cookie';
  // A teaser's tail starts with an ellipsis.
  if (t.length <= 400 && (t.includes('…') || t.includes('...')) && TEASER_TAIL.test(t)) return 'teaser';
  if (t.length <= 60 && parseDateline(t, order) !== null) return 'date';
  if (isFooterLine(t) || isAttributionLine(t)) return 'crumb';
  if (isMenuLine(t)) return 'menu';
  return 'text';
}

/**
 * The source the page credits: the name in its first attribution line that classifyLine removes
 * as such ("Republished from X", "Source: X", "نقلاً عن X", ...; markers.ts), or null.
 */
export function findCredit(lines: readonly string[], order?: DateOrderHint): string | null {
  for (const line of lines) {
    if (!isAttributionLine(line) || classifyLine(line, order) !== 'crumb') continue;
    const credit = attributionCredit(line);
    if (credit !== null) return credit;
  }
  return null;
}

/**
 * A line shaped like a headline or link text: short, no closing punctuation, and in a script
 * with case, capitalised. Lengths are in words (wordUnits) and characters, so it holds for
 * Arabic, Cyrillic and CJK lines alike.
 */
export function isHeadlineLike(line: string): boolean {
  const t = line.trim();
  // Before counting words: most lines a page is asked about are paragraphs, long or ending with
  // a full stop (the tests below are all required, so their order is free).
  if (t.length > 200) return false;
  if (endsWithOneOf(t, OPEN_END) || endsWithOneOf(t, FULL_STOP)) return false;
  const words = wordUnits(t);
  const noSpaces = isNoSpaces(t);
  if (t.length < (noSpaces ? 6 : 12)) return false;
  if (words < 3 || words > 30) return false;
  if (STARTS_LOWER.test(t)) return false;
  const caseless = STARTS_CASELESS.test(t);
  if (!caseless && !STARTS_UPPER.test(t)) return false;
  if (caseless && !/^[\p{L}\p{N}"'“‘«„(\[]/u.test(t)) return false;
  // (A line ending with a comma, colon or full stop was ruled out above: a sentence with a full stop reads as prose.)
  // A line holding two sentences is prose; without capitals to go by, so is a long line.
  if (caseless ? words > 24 || t.length > 150 || INNER_SENTENCE.test(t) : INNER_SENTENCE_CASED.test(t)) return false;
  return true;
}

/** A short title-like line (a menu item, a byline, a section name): at most six words, no closing punctuation. */
export function isShortTitle(line: string): boolean {
  const t = line.trim();
  return t.length <= 50 && wordUnits(t) <= 6 && HAS_WORD.test(t) && !endsWithOneOf(t, OPEN_END) && !endsWithOneOf(t, FULL_STOP) && !endsWithOneOf(t, '!…');
}

/** A line that is article prose: a sentence or more (or a line too long for anything else). */
export function isProse(line: string): boolean {
  const t = line.trim();
  const sentenceEnd = endsWithOneOf(t, SENTENCE_END);
  // Before counting words: a long line ending a sentence is prose whatever its words.
  if (sentenceEnd && t.length >= 100) return true;
  const words = wordUnits(t);
  // Eight words make a sentence; in Chinese or Japanese, where a widget's one-line notice is a
  // full sentence too, only the length above counts.
  if (sentenceEnd && !isNoSpaces(t) && words >= 8 && !isHeadlineLike(t)) return true;
  return words >= 35;
}

export interface CleanOptions {
  /** Minimum run of consecutive headline-like lines treated as a list of links. */
  headlineRun: number;
  /**
   * Share of each line's text inside links, when the lines come from HTML. Then only lines that
   * are mostly link text count towards a headline run: a list of links is furniture, a list of
   * plain items (steps, ingredients, subheadings) is the article's.
   */
  linkShare?: readonly number[];
  /** How to read ambiguous numeric dates (dates.ts). */
  order?: DateOrderHint;
}

const DEFAULTS: CleanOptions = { headlineRun: 3 };

/**
 * Remove furniture from a page's lines and return the article lines (blank lines kept as
 * paragraph breaks, collapsed).
 */
export function removeFurniture(lines: readonly string[], options: Partial<CleanOptions> = {}): string[] {
  return removeClassifiedFurniture(lines, lines.map((l) => classifyLine(l, options.order)), options);
}

/**
 * removeFurniture() of lines already classified: kinds[i] is classifyLine(lines[i], options.order)
 * (a caller that has classified the lines once does not pay for it twice).
 */
export function removeClassifiedFurniture(lines: readonly string[], kinds: readonly LineKind[], options: Partial<CleanOptions> = {}): string[] {
  const opts = { ...DEFAULTS, ...options };
  const n = lines.length;
  const prose = lines.map((l, i) => kinds[i] === 'text' && isProse(l));

  // A section marker (Related Articles, Newsletter, Recent Posts, ...) starts the page's tail when
  // little article prose follows it (a quarter of what precedes it at most): everything from
  // there on goes. A "Related" box in the middle of an article leaves the rest of it alone.
  const proseBefore = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    proseBefore[i + 1] = proseBefore[i]! + (prose[i] ? lines[i]!.length : 0);
  }
  const total = proseBefore[n]!;
  let end = n;
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'marker') continue;
    const before = proseBefore[i]!;
    if (before > 0 && total - before <= before * 0.25) {
      end = i;
      break;
    }
  }

  // In HTML a date alone on a line inside the article is usually the article's own (a date in a
  // timeline, a caption); datelines at the top are handled by the caller.
  const html = opts.linkShare !== undefined;
  const keepDates = html;
  const keep = new Uint8Array(end);
  for (let i = 0; i < end; i++) {
    const k = kinds[i];
    keep[i] = k === 'text' || k === 'blank' || (keepDates && k === 'date') ? 1 : 0;
  }

  // The article body runs from its first line of prose to its last.
  let firstProse = -1;
  let lastProse = -1;
  for (let i = 0; i < end; i++) {
    if (!prose[i]) continue;
    if (firstProse < 0) firstProse = i;
    lastProse = i;
  }

  // Runs of headline-like lines (headline feeds, related lists) in any script; in HTML only lines
  // that are mostly link text. In plain text also runs of short title-like lines (menus, link
  // lists, bylines, section names) before the body or after it. Blank lines and removed
  // furniture do not break a run.
  const inRun = (i: number): boolean => {
    if (html) return (opts.linkShare![i] ?? 0) >= 0.5 && isHeadlineLike(lines[i]!);
    if (isHeadlineLike(lines[i]!)) return true;
    return isShortTitle(lines[i]!) && firstProse >= 0 && (i < firstProse || i > lastProse);
  };
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= opts.headlineRun) for (const i of run) keep[i] = 0;
    run = [];
  };
  for (let i = 0; i < end; i++) {
    const k = kinds[i];
    // A box heading, a pointer or a menu bar between the article and a list ends a run: the
    // list below it is not the article's last lines.
    if (k === 'marker' || k === 'see-also' || k === 'menu') flush();
    if (!keep[i] || k === 'blank') continue;
    if (inRun(i)) run.push(i);
    else flush();
  }
  flush();

  // Before the first paragraph of prose: dates, timestamps and reading times are page furniture.
  for (let i = 0; i < end; i++) {
    if (!keep[i] || kinds[i] === 'blank') continue;
    if (prose[i]) break;
    const t = lines[i]!.trim();
    if (kinds[i] === 'date' || (t.length <= 100 && TIMESTAMP_LINE.test(t))) keep[i] = 0;
  }

  // A short line repeated verbatim (a headline printed twice, a tagline in the footer) is kept
  // once. Prose is left alone: repeating a paragraph is the writer's choice.
  const seen = new Set<string>();
  for (let i = 0; i < end; i++) {
    if (!keep[i] || kinds[i] === 'blank') continue;
    const t = lines[i]!.trim();
    // prose[] already holds isProse for text lines (isProse trims the line itself).
    if (t.length > 120 || (kinds[i] === 'text' ? prose[i] : isProse(t))) continue;
    const k = t.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(k)) keep[i] = 0;
    else seen.add(k);
  }

  const out: string[] = [];
  for (let i = 0; i < end; i++) {
    if (!keep[i]) continue;
    const t = lines[i]!.trim();
    if (t.length === 0) {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else out.push(t);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
