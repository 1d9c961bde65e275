/**
 * One pass over a page's text that gives, per line, its template key (the hash of the normalised
 * line), its length, and the hashes of its word tokens: what the scan keeps of a page between
 * reading and signing (extract/templates.ts, LineSketch).
 *
 * The reference is per line: `normalizeText(line)`, then `hashString(normalized, lineSeed)` and
 * `normalizedTokenHashes(normalized)`. That costs a substring, a lower-cased copy and a collapsed
 * copy per line, and a scan of each. Most lines of news text are ASCII with curly quotes and
 * dashes, whose normal form is one character per character: for those this kernel reads the
 * text's UTF-16 code units once, in place, and feeds the normalised characters straight into the
 * two MurmurHash3 states (line and token) without building a string. Any other line (other
 * scripts, NFKC-sensitive characters) takes the reference path, so the result is the reference's
 * bit for bit; a test compares the two on real and random text.
 */
import { fmix32, hashString } from './hash.js';
import { normalizeText } from './normalize.js';
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

/** What a code unit becomes in the normal form of a fast line; SPACE for whitespace; SLOW: not a fast line. */
const SPACE = -1;
const SLOW = -2;
const LINE_END = -3;

const isLineEnd = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

// Every UTF-16 code unit, mapped as normalizeText maps it on a fast line: ASCII lower-cased, `
// and curly single quotes to ', curly double quotes to ", en and em dashes to -, tab and no-break
// space to whitespace (NFKC makes U+00A0 a space). Control characters and every other code unit
// are SLOW. One table load a character: what a fast line maps to is always ASCII.
const UNIT = new Int16Array(0x10000).fill(SLOW);
for (let c = 0x20; c < 0x7f; c++) UNIT[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
UNIT[0x60] = 0x27;
UNIT[0x09] = SPACE;
UNIT[0x20] = SPACE;
UNIT[0xa0] = SPACE;
UNIT[0x0a] = LINE_END;
UNIT[0x0d] = LINE_END;
UNIT[0x2028] = LINE_END;
UNIT[0x2029] = LINE_END;
UNIT[0x2018] = 0x27;
UNIT[0x2019] = 0x27;
UNIT[0x201c] = 0x22;
UNIT[0x201d] = 0x22;
UNIT[0x2013] = 0x2d;
UNIT[0x2014] = 0x2d;

/** 1 for the mapped units a token is made of, [a-z0-9]. */
const WORD = new Uint8Array(0x80);
for (let c = 0x61; c <= 0x7a; c++) WORD[c] = 1;
for (let c = 0x30; c <= 0x39; c++) WORD[c] = 1;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

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
 * pairs, as hashString takes a string's; the rounds are written out, since this loop is the
 * extraction worker's hottest.
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
    const u = UNIT[text.charCodeAt(i)]!;
    if (u < 0) {
      if (u === LINE_END) break;
      if (u === SLOW) return -1;
      // Whitespace: ends a token; in the line, one space before the next non-space unit.
      if (ll > 0) spaceDue = true;
      if (tl > 0) {
        if (tp >= 0) {
          let k = Math.imul(tp, C1);
          k = (k << 15) | (k >>> 17);
          th ^= Math.imul(k, C2);
        }
        if (tokens === buf.length) buf = scratch.tokens = grow(buf);
        buf[tokens++] = fmix32(th ^ tl);
        tl = 0;
      }
      continue;
    }
    if (spaceDue) {
      if (lp < 0) lp = 0x20;
      else {
        let k = Math.imul(lp | 0x200000, C1);
        k = (k << 15) | (k >>> 17);
        lh ^= Math.imul(k, C2);
        lh = (lh << 13) | (lh >>> 19);
        lh = (Math.imul(lh, 5) + 0xe6546b64) | 0;
        lp = -1;
      }
      ll++;
      spaceDue = false;
    }
    if (lp < 0) lp = u;
    else {
      let k = Math.imul(lp | (u << 16), C1);
      k = (k << 15) | (k >>> 17);
      lh ^= Math.imul(k, C2);
      lh = (lh << 13) | (lh >>> 19);
      lh = (Math.imul(lh, 5) + 0xe6546b64) | 0;
      lp = -1;
    }
    ll++;
    // A token is a run of [a-z0-9], and ' joins two runs: /[a-z0-9]+(?:'[a-z0-9]+)*/.
    let inToken = WORD[u] === 1;
    if (!inToken && u === 0x27 && tl > 0 && i + 1 < n) {
      const next = UNIT[text.charCodeAt(i + 1)]!;
      inToken = next >= 0 && WORD[next] === 1;
    }
    if (inToken) {
      if (tl === 0) {
        th = TOKEN_SEED | 0;
        tp = -1;
      }
      if (tp < 0) tp = u;
      else {
        let k = Math.imul(tp | (u << 16), C1);
        k = (k << 15) | (k >>> 17);
        th ^= Math.imul(k, C2);
        th = (th << 13) | (th >>> 19);
        th = (Math.imul(th, 5) + 0xe6546b64) | 0;
        tp = -1;
      }
      tl++;
    } else if (tl > 0) {
      if (tp >= 0) {
        let k = Math.imul(tp, C1);
        k = (k << 15) | (k >>> 17);
        th ^= Math.imul(k, C2);
      }
      if (tokens === buf.length) buf = scratch.tokens = grow(buf);
      buf[tokens++] = fmix32(th ^ tl);
      tl = 0;
    }
  }
  if (tl > 0) {
    if (tp >= 0) {
      let k = Math.imul(tp, C1);
      k = (k << 15) | (k >>> 17);
      th ^= Math.imul(k, C2);
    }
    if (tokens === buf.length) buf = scratch.tokens = grow(buf);
    buf[tokens++] = fmix32(th ^ tl);
  }
  if (ll === 0) fastKey = 0;
  else {
    if (lp >= 0) {
      let k = Math.imul(lp, C1);
      k = (k << 15) | (k >>> 17);
      lh ^= Math.imul(k, C2);
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
