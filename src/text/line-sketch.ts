/**
 * One pass over a page's text that gives, per line, its template key (the hash of the normalised
 * line), its length, and the hashes of its word tokens: what the scan keeps of a page between
 * reading and signing (extract/templates.ts, LineSketch).
 *
 * The reference is per line: `normalizeText(line)`, then `hashString(normalized, lineSeed)` and
 * `normalizedTokenHashes(normalized)`. That costs a substring, a lower-cased copy and a collapsed
 * copy per line, a scan of each, and for any line beyond ASCII NFKC and a Unicode pattern. Most
 * lines of news text, in English, French, Spanish, German, Turkish, Russian, Ukrainian or Arabic,
 * are made of characters whose normal form is one character per character wherever they stand
 * (UNIT): for those this kernel reads the text's UTF-16 code units once, in place, and feeds the
 * normalised characters straight into the two MurmurHash3 states (line and token) without
 * building a string. Any other line (other scripts, combining marks, characters NFKC rewrites)
 * takes the reference path, so the result is the reference's bit for bit; tests compare the two
 * for every code unit and on real and random text.
 */
import { fmix32, hashString } from './hash.js';
import { normalizeText } from './normalize.js';
import { fillScriptUnits } from './script-units.js';
import { normalizedTokenHashes, TOKEN_SEED } from './shingles.js';

export interface LineHashes {
  /** Per line: hash of its normalised form, 0 for a line that normalises to nothing. */
  keys: Uint32Array;
  /** Per line: its length in UTF-16 code units. */
  chars: Uint32Array;
  /** Per line: exclusive end of its tokens in `tokens`. */
  ends: Uint32Array;
  /** Token hashes of every line, in order. */
  tokens: Uint32Array;
}

/**
 * What a code unit becomes in the normal form of a fast line: SPACE for whitespace, SKIP for a
 * unit normalisation drops, SLOW for one only the reference path reads (the line is not fast).
 */
const SPACE = -1;
const SLOW = -2;
const LINE_END = -3;
const SKIP = -4;
/** Units that normalise to more than one: … to "...", İ to "i" and a combining dot above. */
const ELLIPSIS = -5;
const DOTTED_I = -6;

const isLineEnd = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

// Every UTF-16 code unit, mapped as normalizeText maps it wherever it stands in a line: one unit
// for one (or none), whatever comes before or after. That holds for units NFKC leaves as they are
// and never composes with a neighbour (no combining marks but the dropped Arabic ones, no Hangul),
// whose lower case is one unit and depends on no context (no final sigma), and for the quotes,
// dashes, spaces and invisible marks normalizeText folds to one character or drops; … and İ
// expand to three and two units. Such are ASCII, the Latin-1 and Latin Extended-A letters of
// NFKC_STABLE, the Cyrillic of Russian and Ukrainian (ё folded to е) and the Arabic letters, digits
// and vowel marks of news text with its folds: so French, Spanish, German, Turkish, Russian,
// Ukrainian and Arabic lines take the fast path, unless they hold a madda or hamza mark or a
// rarer character. A test checks every code unit against the reference, in several contexts.
const UNIT = new Int16Array(0x10000).fill(SLOW);
for (let c = 0x20; c < 0x7f; c++) UNIT[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
fillScriptUnits(UNIT, SKIP);
// Arabic punctuation, Persian letters, and normalizeText's own folds (teh marbuta, Persian yeh and keheh).
for (const c of [0x60c, 0x61b, 0x61f, 0x66a, 0x66b, 0x66c, 0x66d, 0x67e, 0x686, 0x698, 0x6af]) UNIT[c] = c;
UNIT[0x6cc] = 0x64a;
UNIT[0x6a9] = 0x643;
UNIT[0x629] = 0x647;
for (let d = 0; d < 10; d++) UNIT[0x660 + d] = UNIT[0x6f0 + d] = 0x30 + d;
// Quotes and dashes to one form; ` too.
for (const c of [0x60, 0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2bc]) UNIT[c] = 0x27;
for (const c of [0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2039, 0x203a, 0x300c, 0x300d]) UNIT[c] = 0x22;
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2e3a, 0x2e3b, 0xfe58, 0xfe63, 0xff0d]) UNIT[c] = 0x2d;
// White space (NFKC makes most of it a space), and what normalisation drops.
for (const c of [0x09, 0x0b, 0x0c, 0x20, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) UNIT[c] = SPACE;
for (let c = 0x2000; c <= 0x200a; c++) UNIT[c] = SPACE;
for (const c of [0xad, 0x61c, 0x2060, 0xfeff]) UNIT[c] = SKIP;
for (let c = 0x200b; c <= 0x200f; c++) UNIT[c] = SKIP;
for (let c = 0x202a; c <= 0x202e; c++) UNIT[c] = SKIP;
for (let c = 0x2066; c <= 0x2069; c++) UNIT[c] = SKIP;
// Quranic signs and small high marks, which normalizeText drops too.
for (const [from, to] of [[0x610, 0x61a], [0x6d6, 0x6ed]] as const) {
  for (let c = from; c <= to; c++) UNIT[c] = SKIP;
}
// Symbols NFKC leaves as they are, and the C1 controls of mis-decoded windows-1252 text; ª and º
// are a and o.
for (const c of [0x2022, 0x20ac, 0x2030, 0x2020, 0x2021, 0x2190, 0x2192, 0x25cf, 0x25ba, 0x25a0]) UNIT[c] = c;
for (let c = 0x80; c <= 0x9f; c++) UNIT[c] = c;
UNIT[0xaa] = 0x61;
UNIT[0xba] = 0x6f;
UNIT[0x2026] = ELLIPSIS;
UNIT[0x130] = DOTTED_I;
UNIT[0x0a] = UNIT[0x0d] = UNIT[0x2028] = UNIT[0x2029] = LINE_END;

/** 1 for the mapped units a token is made of: letters, digits and marks (\p{L}, \p{N}, \p{M}). */
const WORD = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const u = UNIT[c]!;
  if (u >= 0 && /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(u))) WORD[u] = 1;
}
WORD[0x69] = WORD[0x307] = 1;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's block mix of `k`: what a last, odd unit adds to the state (hashString's tail). */
function lastBlock(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

/** One MurmurHash3 round of state `h` over a block (two units, as hashString takes a string's). */
function round(h: number, k: number): number {
  h ^= lastBlock(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Scratch buffers reused across calls (a worker hashes one page at a time); grown by doubling. */
const scratch: { tokens: Uint32Array<ArrayBuffer>; lines: Uint32Array<ArrayBuffer> } = { tokens: new Uint32Array(4096), lines: new Uint32Array(3 * 256) };

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** What fastLine found besides the line's end: its key and the token count after it. */
let fastKey = 0;
let fastTokens = 0;

/**
 * The line of `text` from `start`: its end (the index of its line break, or the text's length),
 * with its key in fastKey and its tokens appended to scratch.tokens from `tokens` on (the count
 * after them in fastTokens); -1 when the line holds a code unit only the reference path reads.
 * The two MurmurHash3 states (the line's and the current token's) take the normalised units in
 * pairs, as hashString takes a string's (round and lastBlock, which V8 inlines: as fast as the
 * rounds written out in this loop, the extraction worker's hottest, were).
 */
function fastLine(text: string, start: number, n: number, lineSeed: number, tokens: number): number {
  let buf = scratch.tokens;
  // The line: hash, pending half of a pair (-1: none), length; a collapsed space is due.
  let lh = lineSeed | 0;
  let lp = -1;
  let ll = 0;
  let spaceDue = false;
  // The current token: hash, pending half, length (0: not in a token).
  let th = 0;
  let tp = -1;
  let tl = 0;
  let i = start;
  for (; i < n; i++) {
    let u = UNIT[text.charCodeAt(i)]!;
    // Units of an expansion still to take after u.
    let more = 0;
    if (u < 0) {
      if (u === LINE_END) break;
      if (u === SLOW) return -1;
      // Dropped: the token and the line go on as if it were not there.
      if (u === SKIP) continue;
      if (u === ELLIPSIS) {
        u = 0x2e;
        more = 2;
      } else if (u === DOTTED_I) {
        u = 0x69;
        more = 1;
      }
    }
    if (u < 0) {
      // Whitespace: ends a token; in the line, one space before the next non-space unit.
      if (ll > 0) spaceDue = true;
      if (tl > 0) {
        if (tp >= 0) {
          th ^= lastBlock(tp);
        }
        if (tokens === buf.length) buf = scratch.tokens = grow(buf);
        buf[tokens++] = fmix32(th ^ tl);
        tl = 0;
      }
      continue;
    }
    for (;;) {
      if (spaceDue) {
        if (lp < 0) lp = 0x20;
        else {
          lh = round(lh, lp | 0x200000);
          lp = -1;
        }
        ll++;
        spaceDue = false;
      }
      if (lp < 0) lp = u;
      else {
        lh = round(lh, lp | (u << 16));
        lp = -1;
      }
      ll++;
      // A token is a run of word units (letters, digits, marks), and ' joins two runs, as tokenize() reads them.
      let inToken = WORD[u] === 1;
      if (!inToken && u === 0x27 && tl > 0 && i + 1 < n) {
        let j = i + 1;
        let next = UNIT[text.charCodeAt(j)]!;
        while (next === SKIP && ++j < n) next = UNIT[text.charCodeAt(j)]!;
        if (next === DOTTED_I) next = 0x69;
        inToken = next >= 0 && WORD[next] === 1;
      }
      if (inToken) {
        if (tl === 0) {
          th = TOKEN_SEED | 0;
          tp = -1;
        }
        if (tp < 0) tp = u;
        else {
          th = round(th, tp | (u << 16));
          tp = -1;
        }
        tl++;
      } else if (tl > 0) {
        if (tp >= 0) {
          th ^= lastBlock(tp);
        }
        if (tokens === buf.length) buf = scratch.tokens = grow(buf);
        buf[tokens++] = fmix32(th ^ tl);
        tl = 0;
      }
      if (more === 0) break;
      more--;
      u = u === 0x69 ? 0x307 : 0x2e;
    }
  }
  if (tl > 0) {
    if (tp >= 0) {
      th ^= lastBlock(tp);
    }
    if (tokens === buf.length) buf = scratch.tokens = grow(buf);
    buf[tokens++] = fmix32(th ^ tl);
  }
  if (ll === 0) fastKey = 0;
  else {
    if (lp >= 0) {
      lh ^= lastBlock(lp);
    }
    fastKey = fmix32(lh ^ ll);
  }
  fastTokens = tokens;
  return i;
}

/**
 * The lines of a text as splitLines (text/lines.ts) cuts them (a leading byte-order mark
 * dropped; \r\n, \r, \n, U+2028, U+2029 end a line), each hashed as described above.
 */
export function hashLines(text: string, lineSeed: number): LineHashes {
  const n = text.length;
  let lineBuf = scratch.lines;
  let lines = 0;
  let tokens = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    let end = fastLine(text, start, n, lineSeed, tokens);
    let key: number;
    if (end >= 0) {
      key = fastKey;
      tokens = fastTokens;
    } else {
      // The reference path for this line.
      end = start;
      while (end < n && !isLineEnd(text.charCodeAt(end))) end++;
      const normalized = normalizeText(text.slice(start, end));
      key = normalized.length === 0 ? 0 : hashString(normalized, lineSeed);
      const own = normalizedTokenHashes(normalized);
      let tokenBuf = scratch.tokens;
      for (let t = 0; t < own.length; t++) {
        if (tokens === tokenBuf.length) tokenBuf = scratch.tokens = grow(tokenBuf);
        tokenBuf[tokens++] = own[t]!;
      }
    }
    if (3 * lines + 3 > lineBuf.length) lineBuf = grow(lineBuf);
    lineBuf[3 * lines] = key;
    lineBuf[3 * lines + 1] = end - start;
    lineBuf[3 * lines + 2] = tokens;
    lines++;
    if (end >= n) break;
    start = text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
  }
  const tokenBuf = scratch.tokens;
  scratch.lines = lineBuf;
  // One buffer behind all four arrays: a worker transfers it in one piece.
  const all = new Uint32Array(3 * lines + tokens);
  for (let l = 0; l < lines; l++) {
    all[l] = lineBuf[3 * l]!;
    all[lines + l] = lineBuf[3 * l + 1]!;
    all[2 * lines + l] = lineBuf[3 * l + 2]!;
  }
  all.set(tokenBuf.subarray(0, tokens), 3 * lines);
  return { keys: all.subarray(0, lines), chars: all.subarray(lines, 2 * lines), ends: all.subarray(2 * lines, 3 * lines), tokens: all.subarray(3 * lines) };
}
